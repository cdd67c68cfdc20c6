package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The national burst: every commune of the 2025-03 list submits one annual report over HTTP to the running local
 * stack, from N concurrent clients; the benchmark measures accepted reports per second, how long after the last
 * accepted report the ministry aggregate shows them all, submission-to-ministry latency, CPU and memory of the stack
 * and the broker, errors, and raw Kafka on the same broker for comparison; then checks the ministry and every
 * province aggregate against totals it computed itself. Writes BENCHMARKS.md and results/&lt;timestamp&gt;.json.
 * Exit status: 0 when every run was exact and error-free, 1 when an aggregate differed, 2 on errors or an
 * incomplete ministry aggregate, 64 on bad usage.
 */
public final class NationalBurst {

    static final String MINISTRY = "BGDDT";
    static final int MAX_INDICATORS = 20;

    private final Options options;
    private final StackApi api;
    private final PrintStream out;

    NationalBurst(Options options, PrintStream out) {
        this.options = options;
        this.api = new StackApi(options.plan(), options.report(), options.aggregation(), options.notification());
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(64);
            return;
        }
        System.exit(new NationalBurst(options, System.out).run());
    }

    int run() throws Exception {
        Instant started = Instant.now();
        awaitStack();
        List<Indicator> catalogue = api.indicators();
        List<Indicator> indicators = catalogue.subList(0, Math.min(MAX_INDICATORS, catalogue.size()));
        long ratios = indicators.stream().filter(Indicator::ratio).count();
        out.printf("Indicators: %d of the catalogue (%d ratios, %d counts)%s%n", indicators.size(), ratios,
                indicators.size() - ratios, indicators.size() < MAX_INDICATORS
                        ? " — the catalogue has only " + catalogue.size() + " SUM/RATIO_OF_SUMS indicators, not 20" : "");

        long walk = System.nanoTime();
        List<Commune> country = hierarchy();
        Set<String> provinces = new LinkedHashSet<>();
        country.forEach(c -> provinces.add(c.provinceCode()));
        out.printf("Hierarchy on %s: %,d communes in %d provinces (walked in %.1f s)%n", options.asOf(), country.size(),
                provinces.size(), (System.nanoTime() - walk) / 1e9);
        if (country.size() < 10_000) {
            out.println("  note: fewer than the 10,047 communes of the 2025-03 list — was the stack started with "
                    + "CASCADE_DEMO_PROVINCES=ALL?");
        }
        List<Commune> communes = spread(country, options.communes());
        if (communes.size() != country.size()) {
            out.printf("Using %,d communes spread over the country (--communes)%n", communes.size());
        }

        List<Map<String, Object>> runs = new ArrayList<>();
        int exit = 0;
        for (int r = 1; r <= options.runs(); r++) {
            out.printf("%n=== Run %d of %d ===%n", r, options.runs());
            Map<String, Object> result = runOnce(r, indicators, communes);
            runs.add(result);
            int status = (int) result.get("exitStatus");
            exit = exit == 1 || status == 1 ? 1 : Math.max(exit, status);
        }
        Report report = new Report(options, started, indicators, country.size(), communes.size(), runs);
        Path json = report.writeJson();
        report.writeMarkdown(json);
        out.printf("%nWrote %s and %s%n", options.benchmarksFile(), json);
        report.printSummary(out);
        return exit;
    }

    /**
     * The communes beneath BGDDT, walked through plan-service's units API; the walk is kept in
     * deploy/benchmark/target/hierarchy-&lt;asOf&gt;.tsv (the 2025-03 list does not change) so later invocations skip it.
     */
    private List<Commune> hierarchy() throws Exception {
        Path cache = Path.of("deploy/benchmark/target/hierarchy-" + options.asOf() + ".tsv");
        if (Files.isRegularFile(cache)) {
            List<Commune> communes = new ArrayList<>();
            for (String line : Files.readAllLines(cache)) {
                String[] f = line.split("\t");
                if (f.length == 3) {
                    communes.add(new Commune(f[0], f[1], f[2]));
                }
            }
            if (!communes.isEmpty()) {
                out.println("Hierarchy read from " + cache + " (delete it to walk the units API again)");
                return communes;
            }
        }
        List<Commune> communes = api.communes(options.asOf(), 8);
        if (Files.isDirectory(Path.of("deploy/benchmark/target"))) {
            StringBuilder tsv = new StringBuilder();
            communes.forEach(c -> tsv.append(c.code()).append('\t').append(c.districtCode()).append('\t')
                    .append(c.provinceCode()).append('\n'));
            Files.writeString(cache, tsv);
        }
        return communes;
    }

    private void awaitStack() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.stackWaitSeconds()).toNanos();
        boolean told = false;
        while (true) {
            List<URI> down = api.services().stream().filter(base -> !api.healthy(base)).toList();
            if (down.isEmpty()) {
                Map<String, Long> lag = unitsLag();
                if (lag.values().stream().allMatch(behind -> behind == 0)) {
                    out.println("Stack healthy, every service has read all units: " + api.services());
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("services still reading " + Topics.UNITS + " after "
                            + options.stackWaitSeconds() + " s: " + lag);
                }
                out.println("Waiting for the services to read every unit (records behind on " + Topics.UNITS + "): " + lag);
                Thread.sleep(5000);
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not healthy after " + options.stackWaitSeconds() + " s: " + down
                        + " — start it with CASCADE_DEMO_PROVINCES=ALL deploy/local.sh");
            }
            if (!told) {
                out.println("Waiting for the stack (health endpoints): " + down);
                told = true;
            }
            Thread.sleep(1000);
        }
    }

    private Map<String, Long> unitsLag() {
        try {
            return DeadLetters.lag(options.bootstrap(), Topics.UNITS,
                    List.of("report-service", "aggregation-service", "notification-service"));
        } catch (Exception e) {
            return Map.of("unknown (" + e + ")", -1L);
        }
    }

    /** n communes spread evenly over the sorted list (so every province takes part), or all of them when n is 0. */
    static List<Commune> spread(List<Commune> all, int n) {
        if (n == 0 || n >= all.size()) {
            return all;
        }
        List<Commune> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / n)));
        }
        return chosen;
    }

    private Map<String, Object> runOnce(int runNumber, List<Indicator> indicators, List<Commune> communes)
            throws Exception {
        String tag = "NB" + Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase() + "R" + runNumber;
        String programme = tag + "-ANNUAL";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", runNumber);
        result.put("programme", programme);
        result.put("communes", communes.size());
        result.put("clients", options.clients());
        result.put("seed", options.seed());
        result.put("startedAt", Instant.now().toString());
        result.put("loadAverageBefore", ProcessStats.loadAverage());

        try (AggregateWatcher watcher = new AggregateWatcher(options.bootstrap(), programme)) {
            watcher.start();

            // the plan: issued by the ministry, every chosen commune reports
            Map<String, Long> dlqBeforePlan = DeadLetters.endOffsets(options.bootstrap());
            long obligationEventsBefore = DeadLetters.endOffset(options.bootstrap(), Topics.OBLIGATIONS);
            long t0 = System.nanoTime();
            JsonNode created = api.post(options.plan().resolve("/plans"), planBody(tag, programme, indicators, communes), 201);
            String planId = created.path("planId").asString();
            long t1 = System.nanoTime();
            JsonNode issued = api.post(options.plan().resolve("/plans/" + StackApi.enc(planId) + "/issue"), Map.of(), 200);
            long t2 = System.nanoTime();
            out.printf("Plan %s created in %.2f s, issued in %.2f s (published %s), programme %s%n", planId,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, issued.path("published").asString(), programme);
            result.put("planId", planId);

            // report-service opens one obligation per commune
            List<JsonNode> open = awaitObligations(programme, communes.size());
            long t3 = System.nanoTime();
            String period = open.get(0).path("period").asString();
            out.printf("Obligations open: %,d for period %s, %.1f s after issue%n", open.size(), period, (t3 - t2) / 1e9);
            result.put("period", period);
            Map<String, Long> planDeadLetters = DeadLetters.growth(dlqBeforePlan, DeadLetters.endOffsets(options.bootstrap()));
            // another plan may be dead-lettered meanwhile (the demo's seed plans whose units were merged away are,
            // some seconds after the stack starts): only this plan's own dead letters stop the run
            long ownDeadLetters = planDeadLetters.isEmpty() ? 0
                    : DeadLetters.recordsWithKey(options.bootstrap(), Topics.PLANS + ".dlq", planId);
            if (ownDeadLetters > 0) {
                throw new IllegalStateException("plan " + planId + " was dead-lettered " + ownDeadLetters
                        + " time(s) — a service could not take the plan; see the stack's services.log");
            }
            if (!planDeadLetters.isEmpty()) {
                out.println("  (other records were dead-lettered meanwhile, not this plan: " + planDeadLetters + ")");
            }
            // aggregation-service knows the programme period (its 0-of-N ministry aggregate answers): in a real
            // season plans are issued weeks before the reports, so the burst starts once every service has the plan
            awaitAggregationPlan(programme, period, communes.size());
            long t4 = System.nanoTime();
            out.printf("Aggregation knows the period: %.1f s after issue%n", (t4 - t2) / 1e9);
            // ... and every ObligationOpened is published and read by notification-service (reminders are set)
            awaitObligationEvents(obligationEventsBefore + communes.size());
            long t5 = System.nanoTime();
            out.printf("Obligation events published and read by notification-service: %.1f s after issue%n",
                    (t5 - t2) / 1e9);
            result.put("setup", StackApi.map("planCreateSeconds", Percentiles.round((t1 - t0) / 1e9),
                    "planIssueSeconds", Percentiles.round((t2 - t1) / 1e9),
                    "obligationsOpenAfterIssueSeconds", Percentiles.round((t3 - t2) / 1e9),
                    "aggregationPlanAfterIssueSeconds", Percentiles.round((t4 - t2) / 1e9),
                    "obligationEventsReadAfterIssueSeconds", Percentiles.round((t5 - t2) / 1e9)));

            // the report bodies, prepared before the clock starts
            List<byte[]> bodies = new ArrayList<>(communes.size());
            List<Map<String, long[]>> drawn = new ArrayList<>(communes.size());
            for (Commune commune : communes) {
                Map<String, long[]> values = ReportValues.draw(options.seed(), commune.code(), indicators);
                drawn.add(values);
                bodies.add(StackApi.JSON.writeValueAsBytes(reportBody(commune, programme, period, values)));
            }

            // resources before
            Optional<Long> stack = ProcessStats.findStack();
            Optional<Long> broker = stack.flatMap(ProcessStats::findBroker);
            boolean stackPeakReset = stack.map(ProcessStats::resetPeak).orElse(false);
            boolean brokerPeakReset = broker.map(ProcessStats::resetPeak).orElse(false);
            double stackCpu0 = stack.map(ProcessStats::cpuSeconds).orElse(Double.NaN);
            double brokerCpu0 = broker.map(ProcessStats::cpuSeconds).orElse(Double.NaN);
            double selfCpu0 = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
            double machine0 = ProcessStats.machineBusySeconds();
            Map<String, Long> dlq0 = DeadLetters.endOffsets(options.bootstrap());
            Sampler sampler = new Sampler(stack, broker);
            sampler.start();

            // the burst
            Burst burst = new Burst(options.report(), bodies, options.clients());
            burst.run(out, watcher::ministryReceived);
            int accepted = burst.accepted();
            out.printf("Burst done: %,d accepted of %,d in %.2f s; waiting for the ministry aggregate ...%n", accepted,
                    communes.size(), (burst.endNanos - burst.startNanos) / 1e9);
            long complete = watcher.awaitMinistryReceived(accepted, Duration.ofSeconds(options.completionWaitSeconds()));
            long afterWait = System.nanoTime();

            // resources after
            sampler.stop();
            double stackCpu = stack.map(ProcessStats::cpuSeconds).orElse(Double.NaN) - stackCpu0;
            double brokerCpu = broker.map(ProcessStats::cpuSeconds).orElse(Double.NaN) - brokerCpu0;
            double selfCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - selfCpu0;
            double machineBusy = ProcessStats.machineBusySeconds() - machine0;
            double stackHwm = stack.map(pid -> ProcessStats.statusMb(pid, "VmHWM")).orElse(Double.NaN);
            double brokerHwm = broker.map(pid -> ProcessStats.statusMb(pid, "VmHWM")).orElse(Double.NaN);
            Map<String, Long> dlqGrowth = new java.util.TreeMap<>(
                    DeadLetters.growth(dlq0, DeadLetters.endOffsets(options.bootstrap())));
            String plansDlq = Topics.PLANS + ".dlq";
            if (dlqGrowth.containsKey(plansDlq)
                    && DeadLetters.recordsWithKey(options.bootstrap(), plansDlq, planId) == 0) {
                // another plan (not this run's) was dead-lettered during the burst: not an error of the burst
                out.println("  (another plan was dead-lettered during the burst, not counted: "
                        + dlqGrowth.remove(plansDlq) + " record(s) on " + plansDlq + ")");
            }

            double burstSeconds = (burst.endNanos - burst.startNanos) / 1e9;
            double windowSeconds = ((complete > 0 ? complete : afterWait) - burst.startNanos) / 1e9;
            Map<String, Object> burstResult = new LinkedHashMap<>();
            burstResult.put("submitted", communes.size());
            burstResult.put("accepted", accepted);
            burstResult.put("firstSendToLastAcceptedSeconds", Percentiles.round(burstSeconds));
            burstResult.put("acceptedPerSecond", Percentiles.round(accepted / burstSeconds));
            burstResult.put("httpResponseSeconds", Percentiles.summary(httpSeconds(burst)));
            burstResult.put("averageBodyBytes", Percentiles.round(bodies.stream().mapToInt(b -> b.length).average().orElse(0)));
            result.put("burst", burstResult);

            Map<String, Object> completion = new LinkedHashMap<>();
            completion.put("ministryComplete", complete > 0);
            completion.put("lastAcceptedToMinistryCompleteSeconds",
                    complete > 0 ? Percentiles.round((complete - burst.endNanos) / 1e9) : null);
            completion.put("firstSendToMinistryCompleteSeconds", complete > 0 ? Percentiles.round(windowSeconds) : null);
            completion.put("endToEndReportsPerSecond", complete > 0 ? Percentiles.round(accepted / windowSeconds) : null);
            completion.put("ministryAggregateVersions", watcher.ministryArrivals().size());
            completion.put("aggregateRecordsOfProgramme", watcher.records());
            result.put("completion", completion);
            out.printf("Ministry aggregate %s %.2f s after the last 201%n", complete > 0 ? "complete" : "NOT complete",
                    ((complete > 0 ? complete : afterWait) - burst.endNanos) / 1e9);

            double[] latency = latencies(burst, watcher.ministryArrivals());
            Map<String, Object> latencyResult = new LinkedHashMap<>(Percentiles.summary(latency));
            latencyResult.put("notIncluded", Arrays.stream(latency).filter(Double::isNaN).count());
            latencyResult.put("method", "k-th accepted report (201 order) ↔ first ministry aggregate with "
                    + "completeness.received ≥ k; from the moment the request was sent; arrival = when the benchmark's "
                    + "consumer received the aggregate");
            result.put("submissionToMinistrySeconds", latencyResult);

            Map<String, Object> resources = new LinkedHashMap<>();
            resources.put("windowSeconds", Percentiles.round(windowSeconds));
            resources.put("stackJvm", StackApi.map("pid", stack.orElse(null), "cpuSeconds", Percentiles.round(stackCpu),
                    "cpuCoresAverage", Percentiles.round(stackCpu / windowSeconds),
                    "peakRssMb", Percentiles.round(stackHwm), "peakRssReset", stackPeakReset,
                    "peakRssSampledMb", Percentiles.round(sampler.stackRssPeak)));
            resources.put("kafkaBroker", StackApi.map("pid", broker.orElse(null), "cpuSeconds", Percentiles.round(brokerCpu),
                    "cpuCoresAverage", Percentiles.round(brokerCpu / windowSeconds),
                    "peakRssMb", Percentiles.round(brokerHwm), "peakRssReset", brokerPeakReset,
                    "peakRssSampledMb", Percentiles.round(sampler.brokerRssPeak)));
            resources.put("heap", StackApi.map("note", "the four services share the stack JVM: one heap for all four",
                    "stackJvmXmx", stack.map(pid -> xmx(ProcessStats.cmdline(pid))).orElse(null),
                    "maxMb", Percentiles.round(api.heapGauge(options.plan(), "jvm_memory_max_bytes") / 1048576.0),
                    "peakUsedSampledMb", Percentiles.round(sampler.heapPeak / 1048576.0),
                    "peakLiveDataAfterGcMb", Percentiles.round(sampler.liveDataPeak / 1048576.0),
                    "usedAfterMb", Percentiles.round(api.heapGauge(options.plan(), "jvm_memory_used_bytes") / 1048576.0)));
            resources.put("benchmarkCpuSeconds", Percentiles.round(selfCpu));
            resources.put("machineBusyCpuSeconds", Percentiles.round(machineBusy));
            resources.put("otherProcessesCpuSeconds", Percentiles.round(machineBusy - stackCpu - brokerCpu - selfCpu));
            resources.put("loadAverageAfter", ProcessStats.loadAverage());
            result.put("resources", resources);

            // exactness: ministry and every province, as published and as served
            Map<String, Object> exactness = checkExactness(watcher, programme, period, indicators, communes, drawn, burst);
            result.put("exactness", exactness);

            // raw Kafka on the same broker
            out.println("Raw Kafka baseline: producing and consuming the same records ...");
            List<String> keys = communes.stream().map(Commune::code).toList();
            RawKafkaBaseline.Result raw = RawKafkaBaseline.run(options.bootstrap(), "benchmark.raw." + tag.toLowerCase(),
                    3, keys, bodies);
            Map<String, Object> rawResult = new LinkedHashMap<>();
            rawResult.put("records", raw.records());
            rawResult.put("averageRecordBytes", Percentiles.round(raw.averageBytes()));
            rawResult.put("produceSeconds", Percentiles.round(raw.produceSeconds()));
            rawResult.put("consumeSeconds", Percentiles.round(raw.consumeSeconds()));
            rawResult.put("producePerSecond", Percentiles.round(raw.producePerSecond()));
            rawResult.put("consumePerSecond", Percentiles.round(raw.consumePerSecond()));
            rawResult.put("produceThenConsumePerSecond", Percentiles.round(raw.produceConsumePerSecond()));
            Object endToEnd = completion.get("endToEndReportsPerSecond");
            rawResult.put("cascadeEndToEndToRawRatio", endToEnd == null ? null
                    : Percentiles.round(((Number) endToEnd).doubleValue() / raw.produceConsumePerSecond()));
            result.put("rawKafka", rawResult);
            out.printf("Raw Kafka: %,.0f records/s produce, %,.0f/s consume, %,.0f/s produce-then-consume%n",
                    raw.producePerSecond(), raw.consumePerSecond(), raw.produceConsumePerSecond());

            Map<String, Object> errors = new LinkedHashMap<>();
            errors.put("http", burst.errors());
            errors.put("samples", burst.errorSamples);
            errors.put("deadLettered", dlqGrowth);
            long errorCount = burst.errors().values().stream().mapToLong(Integer::longValue).sum()
                    + dlqGrowth.values().stream().mapToLong(Long::longValue).sum();
            errors.put("total", errorCount);
            result.put("errors", errors);
            out.printf("Errors: %d (HTTP %s, dead-lettered %s)%n", errorCount, burst.errors(), dlqGrowth);

            boolean exact = (boolean) exactness.get("passed");
            int status = !exact ? 1 : (errorCount > 0 || complete < 0) ? 2 : 0;
            result.put("exitStatus", status);
            return result;
        }
    }

    private List<JsonNode> awaitObligations(String programme, int expected) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.obligationsWaitSeconds()).toNanos();
        long lastPrint = 0;
        while (true) {
            List<JsonNode> open = api.openObligations(programme);
            if (open.size() >= expected) {
                return open;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("only " + open.size() + " of " + expected + " obligations open after "
                        + options.obligationsWaitSeconds() + " s");
            }
            if (now - lastPrint > 5_000_000_000L) {
                out.printf("  waiting for obligations: %,d/%,d open (%.0f s)%n", open.size(), expected, (now - start) / 1e9);
                lastPrint = now;
            }
            Thread.sleep(open.isEmpty() ? 1000 : 2000);
        }
    }

    /** Waits until {@code cascade.obligations.v1} holds {@code atLeast} records and notification-service has read them. */
    private void awaitObligationEvents(long atLeast) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.obligationsWaitSeconds()).toNanos();
        long lastPrint = start;
        while (true) {
            long end = DeadLetters.endOffset(options.bootstrap(), Topics.OBLIGATIONS);
            long behind = DeadLetters.lag(options.bootstrap(), Topics.OBLIGATIONS, List.of("notification-service"))
                    .getOrDefault("notification-service", -1L);
            if (end >= atLeast && behind == 0) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("obligation events: " + end + " of " + atLeast + " published, "
                        + behind + " not read by notification-service after " + options.obligationsWaitSeconds() + " s");
            }
            if (now - lastPrint > 5_000_000_000L) {
                out.printf("  waiting for obligation events: %,d of %,d published, %,d not read yet (%.0f s)%n", end,
                        atLeast, behind, (now - start) / 1e9);
                lastPrint = now;
            }
            Thread.sleep(500);
        }
    }

    /** Waits until aggregation-service answers the ministry aggregate of the period with every commune expected. */
    private void awaitAggregationPlan(String programme, String period, int expected) throws Exception {
        URI uri = options.aggregation().resolve("/aggregates/" + StackApi.enc(programme) + "/" + StackApi.enc(period)
                + "/" + MINISTRY);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(options.obligationsWaitSeconds()).toNanos();
        long lastPrint = start;
        while (true) {
            JsonNode aggregate = api.getOrNull(uri);
            long known = aggregate == null ? 0 : aggregate.path("completeness").path("expected").asLong();
            if (known >= expected) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException("aggregation-service expects " + known + " of " + expected
                        + " reports at " + MINISTRY + " after " + options.obligationsWaitSeconds() + " s");
            }
            if (now - lastPrint > 5_000_000_000L) {
                out.printf("  waiting for aggregation-service to take the plan (%.0f s)%n", (now - start) / 1e9);
                lastPrint = now;
            }
            Thread.sleep(500);
        }
    }

    private Map<String, Object> checkExactness(AggregateWatcher watcher, String programme, String period,
                                               List<Indicator> indicators, List<Commune> communes,
                                               List<Map<String, long[]>> drawn, Burst burst) throws Exception {
        Map<String, ExpectedTotals> expected = new TreeMap<>();
        ExpectedTotals ministry = new ExpectedTotals(MINISTRY, indicators);
        expected.put(MINISTRY, ministry);
        for (int i = 0; i < communes.size(); i++) {
            Commune commune = communes.get(i);
            ExpectedTotals province = expected.computeIfAbsent(commune.provinceCode(), code -> new ExpectedTotals(code, indicators));
            ministry.expected++;
            province.expected++;
            if (burst.status[i] == 201) {
                ministry.add(drawn.get(i));
                province.add(drawn.get(i));
            }
        }
        if (options.perturbExpected()) {
            ExpectedTotals.Value first = ministry.values.values().stream().filter(v -> !v.ratio).findFirst()
                    .orElse(ministry.values.values().iterator().next());
            first.sum += 1;
            first.numerator += 1;
            out.println("  --perturb-expected: one expected ministry figure is off by one on purpose");
        }
        // the ministry already shows every report; the provinces' last aggregates may still be on their way
        List<String> differences = List.of();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        do {
            Map<String, JsonNode> latest = watcher.latest();
            List<String> found = new ArrayList<>();
            for (ExpectedTotals totals : expected.values()) {
                found.addAll(Exactness.differences("topic", totals,
                        latest.get(programme + "|" + period + "|" + totals.unitCode)));
                String path = "/aggregates/" + StackApi.enc(programme) + "/" + StackApi.enc(period) + "/"
                        + StackApi.enc(totals.unitCode);
                found.addAll(Exactness.differences("api", totals, api.getOrNull(options.aggregation().resolve(path))));
            }
            differences = found;
            if (differences.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("passed", differences.isEmpty());
        result.put("unitsCompared", expected.size());
        result.put("sources", "latest AggregateUpdated per key on cascade.aggregates.v1, and GET /aggregates/{programme}/{period}/{unit}");
        result.put("checkedFigures", "completeness expected/received; per indicator value, count, sum (counts) or numerator/denominator (ratios)");
        result.put("perturbed", options.perturbExpected());
        result.put("differences", differences.size() > 50 ? differences.subList(0, 50) : differences);
        result.put("differenceCount", differences.size());
        out.printf("Exactness: %s (%d aggregates: ministry and %d provinces, each on the topic and through the API)%n",
                differences.isEmpty() ? "PASSED" : "FAILED, " + differences.size() + " difference(s)",
                expected.size(), expected.size() - 1);
        differences.stream().limit(10).forEach(d -> out.println("  " + d));
        return result;
    }

    private static double[] httpSeconds(Burst burst) {
        double[] seconds = new double[burst.size];
        for (int i = 0; i < burst.size; i++) {
            seconds[i] = (burst.doneNanos[i] - burst.sentNanos[i]) / 1e9;
        }
        return seconds;
    }

    private static double[] latencies(Burst burst, List<InclusionLatency.Arrival> arrivals) {
        int accepted = burst.accepted();
        long[] sent = new long[accepted];
        long[] done = new long[accepted];
        int j = 0;
        for (int i = 0; i < burst.size; i++) {
            if (burst.status[i] == 201) {
                sent[j] = burst.sentNanos[i];
                done[j] = burst.doneNanos[i];
                j++;
            }
        }
        return InclusionLatency.seconds(sent, done, arrivals);
    }

    static Map<String, Object> planBody(String tag, String programme, List<Indicator> indicators, List<Commune> communes) {
        String firstRatio = indicators.stream().filter(Indicator::ratio).map(Indicator::code).findFirst().orElse(null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", tag + "/KH-BGDDT");
        body.put("title", "Kế hoạch đo tải toàn quốc " + tag + " (national burst benchmark)");
        body.put("issuerUnitCode", MINISTRY);
        body.put("issueDate", "2024-01-15");
        body.put("basis", List.of("21-CT/TW"));
        body.put("horizonStart", 2024);
        body.put("horizonEnd", 2025);
        body.put("targets", firstRatio == null ? List.of()
                : List.of(Map.of("indicator", firstRatio, "year", 2025, "comparator", "AT_LEAST", "value", 50)));
        body.put("tasks", List.of(Map.of("number", "1", "title", "Báo cáo kết quả giáo dục nghề nghiệp năm",
                "leadUnit", MINISTRY, "cooperatingUnits", List.of())));
        body.put("programme", StackApi.map("code", programme, "title", "Báo cáo năm (benchmark " + tag + ")",
                "frequency", "ANNUAL", "indicators", indicators.stream().map(Indicator::code).toList(),
                "outline", List.of("results", "shortcomings", "difficulties", "proposals"),
                "deadlines", StackApi.map("COMMUNE", "12-10", "DISTRICT", "12-15", "PROVINCE", "12-20", "MINISTRY", "12-25")));
        body.put("reportingUnits", communes.stream().map(Commune::code).toList());
        return body;
    }

    static Map<String, Object> reportBody(Commune commune, String programme, String period,
                                                  Map<String, long[]> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((code, parts) -> json.put(code, parts.length == 2
                ? StackApi.map("numerator", parts[0], "denominator", parts[1])
                : StackApi.map("value", parts[0])));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", commune.code());
        body.put("programme", programme);
        body.put("period", period);
        body.put("submittedBy", "Cán bộ xã " + commune.code());
        body.put("values", json);
        body.put("tasks", List.of(Map.of("task", "1", "status", "IN_PROGRESS", "text", "Đang triển khai")));
        body.put("narrative", StackApi.map("results", "Hoàn thành các chỉ tiêu chính.",
                "shortcomings", "Một số chỉ tiêu chưa đạt.", "difficulties", "Thiếu giáo viên.",
                "proposals", "Đề nghị bổ sung kinh phí."));
        return body;
    }

    /** Samples every second the resident set of the stack and the broker, and the stack's heap in use. */
    private final class Sampler {
        private final Optional<Long> stack;
        private final Optional<Long> broker;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        volatile double stackRssPeak = Double.NaN;
        volatile double brokerRssPeak = Double.NaN;
        volatile double heapPeak = Double.NaN;
        volatile double liveDataPeak = Double.NaN;

        Sampler(Optional<Long> stack, Optional<Long> broker) {
            this.stack = stack;
            this.broker = broker;
            this.thread = new Thread(this::loop, "resource-sampler");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
            sample();
        }

        private void loop() {
            while (running.get()) {
                sample();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            stack.ifPresent(pid -> stackRssPeak = max(stackRssPeak, ProcessStats.statusMb(pid, "VmRSS")));
            broker.ifPresent(pid -> brokerRssPeak = max(brokerRssPeak, ProcessStats.statusMb(pid, "VmRSS")));
            heapPeak = max(heapPeak, api.heapGauge(options.plan(), "jvm_memory_used_bytes"));
            liveDataPeak = max(liveDataPeak, api.gauge(options.plan(), "jvm_gc_live_data_size_bytes", ""));
        }

        private double max(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
        }
    }

    /** The -Xmx option on a java command line, or "default". */
    static String xmx(String cmdline) {
        String found = "default";
        for (String part : cmdline.split(" ")) {
            if (part.startsWith("-Xmx")) {
                found = part.substring(4);
            }
        }
        return found;
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(instant);
    }

    static Path resolve(Path path) {
        return path.isAbsolute() ? path : Path.of("").toAbsolutePath().resolve(path);
    }

    static void ensureParent(Path file) throws java.io.IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
    }
}
