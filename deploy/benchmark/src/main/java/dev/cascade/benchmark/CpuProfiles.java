package dev.cascade.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where each process of the stack spends its CPU over a burst's window ({@code --profile DIR}): a JDK Flight Recorder
 * recording of every JVM of the stack, started and stopped with {@code jcmd} (no restart, no agent), kept as
 * {@code DIR/<run>-<process>.jfr} to open in JDK Mission Control, and summarised from its execution samples (Java
 * code on a CPU, sampled every 10 ms by JFR's {@code profile} settings): the share of samples by the library the
 * sampled code belongs to and by the nearest Cascade class on its stack.
 */
final class CpuProfiles {

    static final String RECORDING = "cascade-benchmark";
    /** Rows kept per ranking. */
    static final int TOP = 12;

    private final Map<String, Long> processes;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final PrintStream out;

    private CpuProfiles(Map<String, Long> processes, PrintStream out) {
        this.processes = processes;
        this.out = out;
    }

    /**
     * Summarises recordings made otherwise (e.g. {@code jcmd <pid> JFR.start settings=profile filename=…}):
     * {@code BENCHMARK_MAIN=dev.cascade.benchmark.CpuProfiles deploy/benchmark.sh <file.jfr>…} prints, for each, the
     * table rows {@code BENCHMARKS.md} shows for a run recorded with {@code --profile}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BENCHMARK_MAIN=dev.cascade.benchmark.CpuProfiles deploy/benchmark.sh <file.jfr>...");
            System.exit(64);
        }
        for (String file : args) {
            Path path = Path.of(file);
            System.out.println(ProfileMarkdown.row(summarise(path.getFileName().toString().replaceAll("\\.jfr$", ""),
                    path)));
        }
    }

    /** Frames kept per sample. */
    static final int STACK_DEPTH = 256;

    /** Starts a recording in each process (name → pid); one that cannot be started is left out, and said so. */
    static CpuProfiles start(Map<String, Long> processes, Path dir, String run, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        CpuProfiles profiles = new CpuProfiles(processes, out);
        for (var process : processes.entrySet()) {
            Path file = dir.toAbsolutePath().resolve(run + "-" + process.getKey() + ".jfr");
            Files.deleteIfExists(file);
            // JFR keeps 64 frames by default; a request's store call is deeper than that below the servlet, so the
            // frames that say which request or job it serves were cut off (set before the first recording starts)
            jcmd(process.getValue(), "JFR.configure", "stackdepth=" + STACK_DEPTH);
            String answer = jcmd(process.getValue(), "JFR.start", "name=" + RECORDING, "settings=profile",
                    "filename=" + file);
            if (answer.contains("Started recording")) {
                profiles.files.put(process.getKey(), file);
            } else {
                out.println("  (no CPU profile of " + process.getKey() + ": " + answer.strip() + ")");
            }
        }
        return profiles;
    }

    /** Stops the recordings (each writes its file) and summarises them. */
    List<RunResult.CpuProfile> stop() {
        List<RunResult.CpuProfile> summaries = new ArrayList<>();
        files.forEach((process, file) -> {
            String answer = jcmd(processes.get(process), "JFR.stop", "name=" + RECORDING);
            try {
                summaries.add(summarise(process, file));
            } catch (IOException | RuntimeException e) {
                out.println("  (CPU profile of " + process + " not read: " + answer.strip() + "; " + e + ")");
            }
        });
        return summaries;
    }

    /** The execution samples of one recording, ranked by library and by nearest Cascade class. */
    static RunResult.CpuProfile summarise(String process, Path file) throws IOException {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byCascadeClass = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<String> classes = event.getStackTrace().getFrames().stream().filter(RecordedFrame::isJavaFrame)
                        .map(frame -> frame.getMethod().getType().getName()).toList();
                byLibrary.merge(classes.stream().map(CpuProfiles::library).filter(l -> l != null).findFirst()
                        .orElse("the JDK alone"), 1, Integer::sum);
                byCascadeClass.merge(classes.stream().filter(c -> c.startsWith("dev.cascade.")).findFirst()
                        .map(CpuProfiles::outerClass).orElse("no Cascade class on the stack"), 1, Integer::sum);
            }
        }
        return new RunResult.CpuProfile(process, file.toString(), samples, top(byLibrary, samples),
                top(byCascadeClass, samples));
    }

    /**
     * The library a class belongs to, as its package's first parts ({@code com.mongodb.internal},
     * {@code org.springframework.security.web}, {@code dev.cascade.report.submission}); null for the JDK's own.
     */
    static String library(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return null;
        }
        String[] parts = className.split("\\.");
        int keep = className.startsWith("dev.cascade.") || className.startsWith("org.springframework.") ? 4 : 3;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(keep, parts.length - 1)));
    }

    /** {@code a.B$1} and {@code a.B$$Lambda} → {@code a.B}; the store's generated accessors keep their own name. */
    static String outerClass(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private static List<RunResult.Share> top(Map<String, Integer> counts, int samples) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> new RunResult.Share(e.getKey(), e.getValue(),
                        Percentiles.round(100.0 * e.getValue() / samples)))
                .toList();
    }

    /** Runs {@code jcmd pid command args…} and returns what it printed (or why it could not run). */
    private static String jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "jcmd did not answer within 60 s";
            }
            return output;
        } catch (IOException e) {
            return "jcmd could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
