package dev.cascade.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The results of one invocation: results/&lt;timestamp&gt;.json for machines, BENCHMARKS.md for people. */
final class Report {

    static final int NATIONAL_COMMUNES = 10_047;

    /** name → path in a run's result; medians are taken over these. */
    static final Map<String, String> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("acceptedPerSecond", "burst.acceptedPerSecond");
        FIGURES.put("firstSendToLastAcceptedSeconds", "burst.firstSendToLastAcceptedSeconds");
        FIGURES.put("httpResponseP99Seconds", "burst.httpResponseSeconds.p99");
        FIGURES.put("lastAcceptedToMinistryCompleteSeconds", "completion.lastAcceptedToMinistryCompleteSeconds");
        FIGURES.put("endToEndReportsPerSecond", "completion.endToEndReportsPerSecond");
        FIGURES.put("latencyP50Seconds", "submissionToMinistrySeconds.p50");
        FIGURES.put("latencyP95Seconds", "submissionToMinistrySeconds.p95");
        FIGURES.put("latencyP99Seconds", "submissionToMinistrySeconds.p99");
        FIGURES.put("latencyMaxSeconds", "submissionToMinistrySeconds.max");
        FIGURES.put("stackJvmCpuSeconds", "resources.stackJvm.cpuSeconds");
        FIGURES.put("stackJvmPeakRssMb", "resources.stackJvm.peakRssMb");
        FIGURES.put("kafkaBrokerCpuSeconds", "resources.kafkaBroker.cpuSeconds");
        FIGURES.put("kafkaBrokerPeakRssMb", "resources.kafkaBroker.peakRssMb");
        FIGURES.put("stackHeapPeakUsedMb", "resources.heap.peakUsedSampledMb");
        FIGURES.put("stackLiveHeapAfterGcPeakMb", "resources.heap.peakLiveDataAfterGcMb");
        FIGURES.put("otherProcessesCpuSeconds", "resources.otherProcessesCpuSeconds");
        FIGURES.put("rawProducePerSecond", "rawKafka.producePerSecond");
        FIGURES.put("rawConsumePerSecond", "rawKafka.consumePerSecond");
        FIGURES.put("rawProduceThenConsumePerSecond", "rawKafka.produceThenConsumePerSecond");
        FIGURES.put("cascadeToRawRatio", "rawKafka.cascadeEndToEndToRawRatio");
        FIGURES.put("errors", "errors.total");
    }

    private final Options options;
    private final Instant started;
    private final List<Indicator> indicators;
    private final int countryCommunes;
    private final int communes;
    private final List<Map<String, Object>> runs;
    private final Map<String, Object> medians = new LinkedHashMap<>();
    private final Map<String, Object> machine;
    private final List<Map<String, Object>> targets;

    Report(Options options, Instant started, List<Indicator> indicators, int countryCommunes, int communes,
           List<Map<String, Object>> runs) {
        this.options = options;
        this.started = started;
        this.indicators = indicators;
        this.countryCommunes = countryCommunes;
        this.communes = communes;
        this.runs = runs;
        FIGURES.forEach((name, path) -> medians.put(name, median(runs.stream().map(r -> get(r, path)).toList())));
        this.machine = machine();
        this.targets = targets();
    }

    static Object get(Map<String, Object> map, String path) {
        Object node = map;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }

    static Double median(List<Object> values) {
        double[] numbers = values.stream().filter(Objects::nonNull).filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue()).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (numbers.length == 0) {
            return null;
        }
        int mid = numbers.length / 2;
        return Percentiles.round(numbers.length % 2 == 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2);
    }

    private List<Map<String, Object>> targets() {
        List<Map<String, Object>> list = new ArrayList<>();
        list.add(target("accepted reports per second ≥ 1,500", medians.get("acceptedPerSecond"), 1500, true));
        list.add(target("ministry aggregate complete ≤ 2 s after the last accepted report",
                medians.get("lastAcceptedToMinistryCompleteSeconds"), 2, false));
        list.add(target("p99 submission-to-ministry latency ≤ 3 s", medians.get("latencyP99Seconds"), 3, false));
        Double heap = (Double) medians.get("stackLiveHeapAfterGcPeakMb");
        Map<String, Object> heapTarget = new LinkedHashMap<>();
        heapTarget.put("target", "every service within a 512 MB heap");
        heapTarget.put("measured", heap);
        heapTarget.put("met", heap == null ? null : heap <= 512 ? Boolean.TRUE : null);
        heapTarget.put("how", "the four services share one JVM in the local stack, so only the whole JVM is measured: "
                + "the live data after GC (jvm_gc_live_data_size_bytes, sampled each second) of all four together; at "
                + "most 512 MB means each is within 512 MB; above that, per-service use is not known (null = not "
                + "shown). Heap in use before GC depends on -Xmx (3 GB in the local stack) and is given for information");
        list.add(heapTarget);
        boolean noErrors = runs.stream().allMatch(r -> Objects.equals(get(r, "errors.total"), 0L));
        boolean exact = runs.stream().allMatch(r -> Boolean.TRUE.equals(get(r, "exactness.passed")));
        list.add(StackApi.map("target", "zero errors (HTTP, dead letters) in every run", "measured",
                runs.stream().map(r -> get(r, "errors.total")).toList(), "met", noErrors));
        list.add(StackApi.map("target", "every run exact (ministry and each province)", "measured",
                runs.stream().map(r -> get(r, "exactness.passed")).toList(), "met", exact));
        return list;
    }

    private static Map<String, Object> target(String name, Object measured, double limit, boolean atLeast) {
        Boolean met = measured instanceof Number n ? (atLeast ? n.doubleValue() >= limit : n.doubleValue() <= limit) : null;
        return StackApi.map("target", name, "measured", measured, "met", met);
    }

    Path writeJson() throws IOException {
        Path file = options.resultsDir().resolve(NationalBurst.timestamp(started) + ".json");
        NationalBurst.ensureParent(file);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", started.toString());
        root.put("command", command());
        root.put("note", options.note());
        root.put("national", communes == NATIONAL_COMMUNES);
        root.put("communes", communes);
        root.put("communesInHierarchy", countryCommunes);
        root.put("clients", options.clients());
        root.put("indicators", indicators.stream().map(i -> i.code() + (i.ratio() ? " (ratio)" : " (count)")).toList());
        root.put("machine", machine);
        root.put("medians", medians);
        root.put("targets", targets);
        root.put("runs", runs);
        Files.writeString(file, StackApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    void writeMarkdown(Path json) throws IOException {
        StringBuilder md = new StringBuilder();
        boolean national = communes == NATIONAL_COMMUNES;
        md.append("# Cascade benchmarks\n\n");
        md.append("## National burst").append(national ? "" : " — DRY RUN with " + communes + " communes (not the national burst)")
                .append("\n\n");
        md.append("Measured ").append(started).append(" (UTC) by `").append(command()).append("` against the local stack (`deploy/local.sh`, ")
                .append("started with `CASCADE_DEMO_PROVINCES=ALL`); ").append(runs.size()).append(" run(s)")
                .append(runs.size() > 1 ? ", medians below" : "").append(". Raw figures: `")
                .append(Path.of("").toAbsolutePath().relativize(json.toAbsolutePath())).append("`.\n\n");
        if (!options.note().isBlank()) {
            md.append("**Conditions:** ").append(options.note()).append("\n\n");
        }
        md.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("memory")).append(", Linux ").append(machine.get("kernel")).append(", Java ")
                .append(machine.get("java")).append(". The machine is shared and noisy; CPU used by other processes ")
                .append("during each measured window is given below.\n\n");
        md.append("Workload: ").append(String.format("%,d", communes)).append(" communes")
                .append(national ? " (all communes of the 2025-03 list)" : " spread over all provinces (of " + countryCommunes + ")")
                .append(" each POST one annual report with ").append(indicators.size()).append(" indicators (")
                .append(indicators.stream().filter(Indicator::ratio).count()).append(" ratios, ")
                .append(indicators.stream().filter(i -> !i.ratio()).count()).append(" counts")
                .append(indicators.size() < 20 ? "; the catalogue has only " + indicators.size() + ", not 20" : "")
                .append("), from ").append(options.clients()).append(" concurrent HTTP clients, to a national plan issued by BGDDT ")
                .append("(a fresh plan and programme per run).\n\n");

        md.append("| figure | median | ").append(runHeaders()).append("\n|---|---|").append("---|".repeat(runs.size())).append('\n');
        row(md, "accepted reports/s (first send → last 201)", "acceptedPerSecond");
        row(md, "first send → last 201 (s)", "firstSendToLastAcceptedSeconds");
        row(md, "HTTP response p99 (s)", "httpResponseP99Seconds");
        row(md, "last 201 → ministry aggregate shows all (s)", "lastAcceptedToMinistryCompleteSeconds");
        row(md, "end-to-end reports/s (first send → ministry complete)", "endToEndReportsPerSecond");
        row(md, "submission → ministry latency p50 (s)", "latencyP50Seconds");
        row(md, "submission → ministry latency p95 (s)", "latencyP95Seconds");
        row(md, "submission → ministry latency p99 (s)", "latencyP99Seconds");
        row(md, "submission → ministry latency max (s)", "latencyMaxSeconds");
        row(md, "stack JVM (4 services) CPU time in window (s)", "stackJvmCpuSeconds");
        row(md, "stack JVM peak RSS (MB)", "stackJvmPeakRssMb");
        row(md, "stack JVM heap in use, peak sampled (MB)", "stackHeapPeakUsedMb");
        row(md, "stack JVM live heap after GC (old gen), peak sampled (MB)", "stackLiveHeapAfterGcPeakMb");
        row(md, "Kafka broker CPU time in window (s)", "kafkaBrokerCpuSeconds");
        row(md, "Kafka broker peak RSS (MB)", "kafkaBrokerPeakRssMb");
        row(md, "other processes' CPU time in window (s)", "otherProcessesCpuSeconds");
        row(md, "raw Kafka produce records/s", "rawProducePerSecond");
        row(md, "raw Kafka consume records/s", "rawConsumePerSecond");
        row(md, "raw Kafka produce-then-consume records/s", "rawProduceThenConsumePerSecond");
        row(md, "Cascade end-to-end ÷ raw Kafka", "cascadeToRawRatio");
        row(md, "errors (HTTP non-201 + dead-lettered)", "errors");
        md.append("| exactness (ministry + every province, topic and API) | | ");
        runs.forEach(r -> md.append(Boolean.TRUE.equals(get(r, "exactness.passed")) ? "passed" : "**FAILED**").append(" | "));
        md.append("\n\n");

        md.append("### Targets").append(national ? "" : " (for the national burst; this dry run is shown for information only)")
                .append("\n\n| target | measured (median) | met |\n|---|---|---|\n");
        for (Map<String, Object> t : targets) {
            Object met = t.get("met");
            md.append("| ").append(t.get("target")).append(" | ").append(t.get("measured")).append(" | ")
                    .append(met == null ? "not shown" : (Boolean) met ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');

        md.append("### How the figures are taken\n\n");
        md.append("""
                - **Accepted reports/s**: 201 responses ÷ time from the first request sent to the last 201 received. \
                Report bodies are prepared before the clock starts; each client thread sends synchronously \
                (`java.net.http`, HTTP/1.1, a fixed pool of N threads).
                - **Completion**: the benchmark follows `cascade.aggregates.v1` with a plain Kafka consumer (from the \
                end of each partition, assigned before the plan is created) and notes when each version of the \
                ministry aggregate `programme|period|BGDDT` arrives; completion is the first version whose \
                `completeness.received` equals the number of accepted reports.
                - **Submission → ministry latency**: the aggregate carries how many reports it includes, not which, \
                so the k-th report to be accepted (in 201 order) is matched with the first ministry aggregate whose \
                `received ≥ k`; latency runs from the moment that request was sent to the arrival of that aggregate \
                at the benchmark's consumer. Per report this can be early or late (reports overtake each other \
                across partitions); the distribution is that of a FIFO pipeline with the same input and output rates.
                - **CPU and memory**: from `/proc` — utime+stime of the stack JVM (all four services, the demo \
                console feed, the embedded MongoDB-wire store and SMTP server: they share one process) and of the \
                Kafka broker (a child JVM) over the window first send → ministry complete; peak RSS = `VmHWM`, reset \
                (`clear_refs` 5) before the burst. Heap: from `/actuator/prometheus`, sampled each second: heap in use \
                (before collection: grows towards -Xmx, 3 GB in the local stack) and live data after GC (old \
                generation after the last collection, `jvm_gc_live_data_size_bytes`); a per-service split does not \
                exist in the single-JVM stack. Other processes = the \
                machine's busy CPU time (`/proc/stat`) minus the stack, the broker and the benchmark itself.
                - **Errors**: non-201 responses and exceptions, plus records added to any `*.dlq` topic during the run.
                - **Raw Kafka**: the same records (the report bodies, keyed by commune) produced to a scratch topic \
                `benchmark.raw.<run>` with 3 partitions on the same broker (default producer: acks=all, idempotent), \
                flushed, then consumed from the beginning; produce-then-consume = records ÷ (produce time + consume \
                time). The ratio compares it with Cascade's end-to-end rate (accepted ÷ first send → ministry complete).
                - **Exactness**: the benchmark sums what it sent — counts: Σ value; ratios: Σ numerator, Σ \
                denominator, 100 × Σn ÷ Σd at scale 2 HALF_EVEN — for BGDDT and every province (province of each \
                commune from the units API) and compares value, count, sum or numerator/denominator and \
                completeness expected/received with the latest aggregate per key on the topic and with \
                `GET /aggregates/{programme}/{period}/{unit}`. Any difference fails the run (exit status 1).
                """);
        md.append('\n');
        Path file = options.benchmarksFile();
        NationalBurst.ensureParent(file);
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    private String command() {
        StringBuilder command = new StringBuilder("deploy/benchmark.sh");
        for (String arg : options.args()) {
            command.append(' ').append(arg.matches("[A-Za-z0-9_./:=-]+") ? arg : "\"" + arg.replace("\"", "\\\"") + "\"");
        }
        return command.toString();
    }

    private String runHeaders() {
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> run : runs) {
            s.append("run ").append(run.get("run")).append(" | ");
        }
        return s.toString().trim();
    }

    private void row(StringBuilder md, String label, String figure) {
        md.append("| ").append(label).append(" | ").append(format(medians.get(figure))).append(" | ");
        for (Map<String, Object> run : runs) {
            md.append(format(get(run, FIGURES.get(figure)))).append(" | ");
        }
        md.append('\n');
    }

    private static String format(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return "—";
            }
            if (Math.abs(d) >= 100) {
                return String.format("%,.0f", d);
            }
            return String.format("%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return value.toString();
    }

    void printSummary(PrintStream out) {
        out.println("Medians over " + runs.size() + " run(s):");
        medians.forEach((k, v) -> out.printf("  %-40s %s%n", k, format(v)));
        for (Map<String, Object> t : targets) {
            Object met = t.get("met");
            out.printf("  target: %-70s %s%n", t.get("target"), met == null ? "not shown" : (Boolean) met ? "met" : "NOT met");
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        String cpu = "?";
        int cores = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && "?".equals(cpu)) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("processor")) {
                    cores++;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        m.put("cpu", cpu);
        m.put("cores", cores == 0 ? Runtime.getRuntime().availableProcessors() : cores);
        m.put("memory", String.format("%.1f GB RAM", ProcessStats.statusMemTotalGb()));
        m.put("free", run("free", "-m"));
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        return m;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return out;
        } catch (Exception e) {
            return "?";
        }
    }

    static String describe(double[] values) {
        return Arrays.toString(values);
    }
}
