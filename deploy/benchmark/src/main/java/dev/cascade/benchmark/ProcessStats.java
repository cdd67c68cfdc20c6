package dev.cascade.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** CPU time and memory of a process, and of the whole machine, from /proc (Linux). */
final class ProcessStats {

    static final long CLOCK_TICKS = clockTicks();

    private ProcessStats() {
    }

    /** The local stack's JVM: the process that runs cascade-local-stack.jar (or LocalStack), see {@link #runsStack}. */
    static Optional<Long> findStack() {
        return ProcessHandle.allProcesses().filter(p -> runsStack(arguments(p.pid())))
                .map(ProcessHandle::pid).findFirst();
    }

    /**
     * Whether a JVM's command line starts the local stack: {@code -jar …/cascade-local-stack.jar}, or
     * {@code dev.cascade.local.LocalStack} as its main class. The JVMs the stack starts (the broker, each service in
     * the deployment shape) have that jar on their class path only, and are not it.
     */
    static boolean runsStack(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("dev.cascade.local.LocalStack") || argument.equals("-jar")
                    && i + 1 < arguments.size() && arguments.get(i + 1).endsWith("cascade-local-stack.jar")) {
                return true;
            }
        }
        return false;
    }

    /** The Kafka broker the local stack started as its child JVM. */
    static Optional<Long> findBroker(long stackPid) {
        return ProcessHandle.of(stackPid).stream().flatMap(ProcessHandle::children)
                .filter(p -> cmdline(p.pid()).contains("kafka.Kafka"))
                .map(ProcessHandle::pid).findFirst();
    }

    /**
     * The services the local stack started as JVMs of their own ({@code deploy/local.sh --processes}, the deployment
     * shape): service id ({@code plan-service}, ...) → pid, from the {@code CASCADE_INSTANCE_ID} each was started with;
     * empty when the services run inside the stack JVM.
     */
    static Map<String, Long> findServices(long stackPid) {
        Map<String, Long> services = new TreeMap<>();
        ProcessHandle.of(stackPid).stream().flatMap(ProcessHandle::children).forEach(child -> {
            String instance = environment(child.pid()).get("CASCADE_INSTANCE_ID");
            if (instance != null && instance.endsWith("-1")) {
                services.put(instance.substring(0, instance.length() - 2), child.pid());
            }
        });
        return services;
    }

    /** The environment a process was started with (empty if unreadable: another user's process). */
    static Map<String, String> environment(long pid) {
        Map<String, String> environment = new TreeMap<>();
        try {
            for (String entry : new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")),
                    StandardCharsets.UTF_8).split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    environment.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            // not readable: nothing known
        }
        return environment;
    }

    static String cmdline(long pid) {
        return String.join(" ", arguments(pid));
    }

    /** The process's command line, one entry per argument; empty if unreadable. */
    static List<String> arguments(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** utime + stime of the process, in seconds; NaN if unreadable. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A line of /proc/pid/status in MB (VmHWM, VmRSS); NaN if unreadable. */
    static double statusMb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Double.NaN;
    }

    /** Resets the peak resident set (VmHWM) of a process of the same user: echo 5 > /proc/pid/clear_refs. */
    static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Busy CPU seconds of the whole machine (all cores) since boot: every /proc/stat cpu time but idle and iowait. */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** MemTotal of /proc/meminfo in GB; NaN if unreadable. */
    static double statusMemTotalGb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) / 1048576.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Double.NaN;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static long clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }
}
