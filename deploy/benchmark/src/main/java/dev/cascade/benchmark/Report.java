package dev.cascade.benchmark;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one invocation: the medians over its runs and the targets, written as results/&lt;timestamp&gt;.json
 * for machines and as BENCHMARKS.md ({@link BenchmarksMarkdown}) for people.
 */
final class Report {

    static final int NATIONAL_COMMUNES = 10_047;

    /** How the services were called, for the results file and BENCHMARKS.md. */
    static final String AUTHENTICATION = "authentication on (bearer tokens, JWT verified by every service)";

    /** A target and how the medians meet it ({@code met} null: not shown; {@code how} only where it needs saying). */
    record Target(String target, Object measured, Boolean met, @JsonInclude(JsonInclude.Include.NON_NULL) String how) {
    }

    /** The whole results/&lt;timestamp&gt;.json (the components are its fields, in order). */
    record ResultsFile(String startedAt, String command, String note, String authentication, String issuer,
                       String shape, boolean national, int communes, int communesInHierarchy, int clients, List<String> indicators,
                       Machine machine, Map<String, Double> medians, List<Target> targets, List<RunResult> runs) {
    }

    /**
     * The medians of an earlier results file ({@code --baseline}), shown beside these; {@code authentication} is what
     * that file says, "off" for a file from before authentication (it has no such field); {@code shape} likewise,
     * "one JVM" for a file from before the deployment shape was measured.
     */
    record Baseline(Path file, String startedAt, String note, String authentication, String shape, int communes,
                    Map<String, Double> medians) {

        static Baseline read(Path file) throws IOException {
            tools.jackson.databind.JsonNode root = StackApi.JSON.readTree(Files.readString(file));
            Map<String, Double> medians = new LinkedHashMap<>();
            root.path("medians").properties().forEach(e -> medians.put(e.getKey(),
                    e.getValue().isNumber() ? e.getValue().asDouble() : null));
            return new Baseline(file, root.path("startedAt").asString(), root.path("note").asString(""),
                    root.has("authentication") ? root.path("authentication").asString() : "off",
                    root.path("shape").asString(ResourceMeter.ONE_JVM), root.path("communes").asInt(), medians);
        }
    }

    final Options options;
    final Instant started;
    final List<Indicator> indicators;
    final int countryCommunes;
    final int communes;
    final List<RunResult> runs;
    /** name → median over the runs (null: no run measured it). */
    final Map<String, Double> medians = new LinkedHashMap<>();
    final Machine machine;
    final List<Target> targets;
    /** The earlier figures to show beside these (null: none). */
    final Baseline baseline;

    Report(Options options, Instant started, List<Indicator> indicators, int countryCommunes, int communes,
           List<RunResult> runs, Baseline baseline) {
        this.options = options;
        this.started = started;
        this.indicators = indicators;
        this.countryCommunes = countryCommunes;
        this.communes = communes;
        this.runs = runs;
        RunFigures.ALL.forEach((name, figure) -> medians.put(name, median(runs.stream().map(figure).toList())));
        this.machine = Machine.probe();
        this.targets = targets();
        this.baseline = baseline;
    }

    static Double median(List<Number> values) {
        double[] numbers = values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue)
                .filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (numbers.length == 0) {
            return null;
        }
        int mid = numbers.length / 2;
        return Percentiles.round(numbers.length % 2 == 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2);
    }

    /** Whether the runs measured each service in a JVM of its own (the deployment shape). */
    boolean processes() {
        return !runs.isEmpty() && runs.stream().allMatch(r -> ResourceMeter.PROCESSES.equals(r.resources().shape()));
    }

    /** The shape as the results file and BENCHMARKS.md name it. */
    String shape() {
        return processes() ? ResourceMeter.PROCESSES : ResourceMeter.ONE_JVM;
    }

    boolean national() {
        return communes == NATIONAL_COMMUNES;
    }

    private List<Target> targets() {
        List<Target> list = new ArrayList<>();
        list.add(target("accepted reports per second ≥ 1,500", medians.get("acceptedPerSecond"), 1500, true));
        list.add(target("ministry aggregate complete ≤ 1 s after the last accepted report",
                medians.get("lastAcceptedToMinistryCompleteSeconds"), 1, false));
        list.add(target("p99 submission-to-ministry latency ≤ 2 s", medians.get("latencyP99Seconds"), 2, false));
        list.add(target("single report on an idle stack → ministry, median ≤ 0.5 s",
                medians.get("idleToMinistryP50Seconds"), 0.5, false));
        if (processes()) {
            Map<String, Double> perService = new LinkedHashMap<>();
            for (String service : ResourceMeter.SERVICES) {
                perService.put(service, medians.get(RunFigures.prefix(service) + "LiveHeapAfterGcPeakMb"));
            }
            boolean allShown = perService.values().stream().allMatch(Objects::nonNull);
            list.add(new Target("every service within a 512 MB heap", perService,
                    allShown ? perService.values().stream().allMatch(mb -> mb <= 512) : null,
                    "each service in its own JVM: the peak of its live data after GC "
                            + "(jvm_gc_live_data_size_bytes, sampled each second), median over the runs; the JVMs "
                            + "run with the -Xmx shown per service and -XX:+ExitOnOutOfMemoryError"));
        } else {
            Double heap = medians.get("stackLiveHeapAfterGcPeakMb");
            list.add(new Target("every service within a 512 MB heap", heap,
                    heap == null ? null : heap <= 512 ? Boolean.TRUE : null,
                    "the four services share one JVM in the local stack, so only the whole JVM is measured: "
                            + "the live data after GC (jvm_gc_live_data_size_bytes, sampled each second) of all four "
                            + "together; at most 512 MB means each is within 512 MB; above that, per-service use is "
                            + "not known (null = not shown). Heap in use before GC depends on -Xmx (3 GB in the local "
                            + "stack) and is given for information"));
        }
        Double cpu = medians.get("wholeStackCpuMsPerReport");
        list.add(new Target("CPU per report, whole stack ≤ 1.5 ms", cpu, cpu == null ? null : cpu <= 1.5,
                "CPU time of the stack's processes (services, broker, store) from the first send to the ministry "
                        + "aggregate complete, over the accepted reports"));
        Double replay = medians.get("replayReportsPerSecondOnceHealthy");
        list.add(new Target("fresh aggregation-service replaying from offset 0 to an exact ministry aggregate "
                + "≥ 5,000 reports/s", replay, replay == null ? null : replay >= 5000,
                "report records on cascade.reports.v1 over the time from the replay instance's health endpoint "
                        + "answering until it is caught up and exact; the rate from its JVM's start is in the table"));
        Double mails = medians.get("mailPerSecond");
        list.add(new Target("reminder e-mails delivered ≥ 300/s, exactly once", mails,
                mails == null ? null : mails >= 300 && runs.stream().allMatch(r -> r.mail() != null
                        && r.mail().exactlyOnce()),
                "reminders of a plan of their own for --mail-communes communes (not the 10,047 of the issue: at "
                        + "today's rate those would take a quarter of an hour per run), first to last arrival at "
                        + "the stack's SMTP server; exactly once in every run"));
        boolean noErrors = runs.stream().allMatch(r -> r.errors().total() == 0L);
        boolean exact = runs.stream().allMatch(r -> r.exactness().passed());
        list.add(new Target("zero errors (HTTP, dead letters) in every run",
                runs.stream().map(r -> r.errors().total()).toList(), noErrors, null));
        list.add(new Target("every run exact (ministry and each province)",
                runs.stream().map(r -> r.exactness().passed()).toList(), exact, null));
        return list;
    }

    private static Target target(String name, Double measured, double limit, boolean atLeast) {
        Boolean met = measured == null ? null : atLeast ? measured >= limit : measured <= limit;
        return new Target(name, measured, met, null);
    }

    Path writeJson() throws IOException {
        Path file = options.resultsDir().resolve(NationalBurst.timestamp(started) + ".json");
        NationalBurst.ensureParent(file);
        ResultsFile root = new ResultsFile(started.toString(), command(), options.note(), AUTHENTICATION,
                options.issuer(), shape(), national(), communes,
                countryCommunes, options.clients(),
                indicators.stream().map(i -> i.code() + (i.ratio() ? " (ratio)" : " (count)")).toList(), machine,
                medians, targets, runs);
        Files.writeString(file, StackApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    void writeMarkdown(Path json) throws IOException {
        Path file = options.benchmarksFile();
        NationalBurst.ensureParent(file);
        Files.writeString(file, BenchmarksMarkdown.render(this, json), StandardCharsets.UTF_8);
    }

    /** The command line that made these results, quoted where needed. */
    String command() {
        StringBuilder command = new StringBuilder("deploy/benchmark.sh");
        for (String arg : options.args()) {
            command.append(' ').append(arg.matches("[A-Za-z0-9_./:=-]+") ? arg : "\"" + arg.replace("\"", "\\\"") + "\"");
        }
        return command.toString();
    }

    void printSummary(PrintStream out) {
        out.println("Medians over " + runs.size() + " run(s):");
        medians.forEach((k, v) -> out.printf("  %-40s %s%n", k, BenchmarksMarkdown.format(v)));
        for (Target t : targets) {
            out.printf("  target: %-70s %s%n", t.target(), t.met() == null ? "not shown" : t.met() ? "met" : "NOT met");
        }
    }
}
