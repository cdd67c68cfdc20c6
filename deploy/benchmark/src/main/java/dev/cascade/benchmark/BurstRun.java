package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.cascade.benchmark.NationalBurst.MINISTRY;

/**
 * One run of the national burst: a fresh plan and programme, the burst of reports, then the figures — completion,
 * latency, resources, exactness of the ministry and every province, raw Kafka for comparison, errors.
 */
final class BurstRun {

    private final Options options;
    private final StackApi api;
    private final PrintStream out;
    private final ReporterLogins logins;

    BurstRun(Options options, StackApi api, ReporterLogins logins, PrintStream out) {
        this.options = options;
        this.api = api;
        this.logins = logins;
        this.out = out;
    }

    RunResult run(int runNumber, List<Indicator> indicators, List<Commune> communes) throws Exception {
        String tag = "NB" + Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase() + "R" + runNumber;
        String programme = tag + "-ANNUAL";
        String startedAt = Instant.now().toString();
        String loadAverageBefore = ProcessStats.loadAverage();
        RunResult.IdleLatency idle = options.idleReports() == 0 ? null
                : new IdleLatency(options, api, out).measure(tag, indicators, communes);

        try (AggregateWatcher watcher = new AggregateWatcher(options.bootstrap(), programme)) {
            watcher.start();
            PlanSetup.Prepared plan = new PlanSetup(options, api, out).prepare(tag, programme, indicators, communes);
            String period = plan.period();

            // the report bodies, prepared before the clock starts
            List<byte[]> bodies = new ArrayList<>(communes.size());
            List<Map<String, long[]>> drawn = new ArrayList<>(communes.size());
            for (Commune commune : communes) {
                Map<String, long[]> values = ReportValues.draw(options.seed(), commune.code(), indicators);
                drawn.add(values);
                bodies.add(StackApi.JSON.writeValueAsBytes(RequestBodies.reportBody(commune, programme, period, values)));
            }

            // the clerks log in before the clock starts: their tokens are a figure of their own
            ReporterLogins.Prepared tokens = logins.prepare(runNumber, communes);

            // resources before (recordings started first: jcmd is a JVM of its own, its CPU not in the window)
            CpuProfiles profiles = options.profileDir() == null ? null
                    : CpuProfiles.start(ResourceMeter.processes(), options.profileDir(), tag, out);
            ResourceMeter meter = new ResourceMeter(api, options);
            Map<String, Long> dlq0 = DeadLetters.endOffsets(options.bootstrap());
            meter.start();

            // the burst
            Burst burst = new Burst(options.report(), bodies, tokens.headers(), options.clients());
            int accepted;
            long complete;
            long afterWait;
            List<RunResult.CpuProfile> cpuProfiles;
            try {
                burst.run(out, watcher::ministryReceived);
                accepted = burst.accepted();
                out.printf("Burst done: %,d accepted of %,d in %.2f s; waiting for the ministry aggregate ...%n",
                        accepted, communes.size(), (burst.endNanos - burst.startNanos) / 1e9);
                complete = watcher.awaitMinistryReceived(accepted, Duration.ofSeconds(options.completionWaitSeconds()));
                afterWait = System.nanoTime();
                meter.stop();
            } finally {
                // stopped whatever happened: a recording left running would go on to its 250 MB cap in the service
                // and refuse the next run's start
                cpuProfiles = profiles == null ? List.of() : profiles.stop();
            }
            Map<String, Long> dlqGrowth = new TreeMap<>(
                    DeadLetters.growth(dlq0, DeadLetters.endOffsets(options.bootstrap())));
            String plansDlq = Topics.PLANS + ".dlq";
            if (dlqGrowth.containsKey(plansDlq)
                    && DeadLetters.recordsWithKey(options.bootstrap(), plansDlq, plan.planId()) == 0) {
                // another plan (not this run's) was dead-lettered during the burst: not an error of the burst
                out.println("  (another plan was dead-lettered during the burst, not counted: "
                        + dlqGrowth.remove(plansDlq) + " record(s) on " + plansDlq + ")");
            }

            double burstSeconds = (burst.endNanos - burst.startNanos) / 1e9;
            double windowSeconds = ((complete > 0 ? complete : afterWait) - burst.startNanos) / 1e9;
            RunResult.BurstFigures burstFigures = new RunResult.BurstFigures(communes.size(), accepted,
                    Percentiles.round(burstSeconds), Percentiles.round(accepted / burstSeconds),
                    Percentiles.summary(httpSeconds(burst)),
                    Percentiles.round(bodies.stream().mapToInt(b -> b.length).average().orElse(0)));

            RunResult.Completion completion = new RunResult.Completion(complete > 0,
                    complete > 0 ? Percentiles.round((complete - burst.endNanos) / 1e9) : null,
                    complete > 0 ? Percentiles.round(windowSeconds) : null,
                    complete > 0 ? Percentiles.round(accepted / windowSeconds) : null,
                    watcher.ministryArrivals().size(), watcher.records());
            out.printf("Ministry aggregate %s %.2f s after the last 201%n", complete > 0 ? "complete" : "NOT complete",
                    ((complete > 0 ? complete : afterWait) - burst.endNanos) / 1e9);

            double[] latency = latencies(burst, watcher.ministryArrivals());
            RunResult.Latency latencyResult = new RunResult.Latency(Percentiles.summary(latency),
                    Arrays.stream(latency).filter(Double::isNaN).count(),
                    "k-th accepted report (201 order) ↔ first ministry aggregate with "
                            + "completeness.received ≥ k; from the moment the request was sent; arrival = when the "
                            + "benchmark's consumer received the aggregate");

            RunResult.Resources resources = meter.resources(windowSeconds, cpuProfiles);

            // exactness: ministry and every province, as published and as served; a request that failed at the
            // client but was stored by the service counts, since its report is in the aggregates
            Set<Integer> storedUnanswered = storedDespiteClientFailure(burst, communes, programme);
            if (!storedUnanswered.isEmpty()) {
                watcher.awaitMinistryReceived(accepted + storedUnanswered.size(), Duration.ofSeconds(60));
            }
            Map<String, ExpectedTotals> expected = ExpectedTotals.ministryAndProvinces(indicators, communes, drawn,
                    i -> burst.status[i] == 201 || storedUnanswered.contains(i));
            RunResult.ExactnessResult exactness = checkExactness(watcher, programme, period, expected,
                    storedUnanswered.size());

            RunResult.RawKafka rawKafka = rawKafka(tag, communes, bodies, completion.endToEndReportsPerSecond());

            RunResult.Replay replay = options.replay()
                    ? new ReplayRate(options, api, out).measure(tag, programme, period, accepted, expected) : null;

            RunResult.Mail mail = options.mailCommunes() > 0
                    ? new MailRate(options, api, out).measure(tag, indicators, communes) : null;

            long errorCount = burst.errors().values().stream().mapToLong(Integer::longValue).sum()
                    + dlqGrowth.values().stream().mapToLong(Long::longValue).sum();
            RunResult.Errors errors = new RunResult.Errors(burst.errors(), burst.errorSamples, dlqGrowth, errorCount);
            out.printf("Errors: %d (HTTP %s, dead-lettered %s)%n", errorCount, burst.errors(), dlqGrowth);

            boolean idleFailed = idle != null && !idle.errors().isEmpty();
            boolean replayFailed = replay != null && replay.failure() != null;
            boolean mailFailed = mail != null && mail.failure() != null;
            int status = !exactness.passed() ? 1
                    : (errorCount > 0 || complete < 0 || idleFailed || replayFailed || mailFailed) ? 2 : 0;
            return new RunResult(runNumber, programme, communes.size(), options.clients(), options.seed(), startedAt,
                    loadAverageBefore, plan.planId(), period, plan.setup(), tokens.figures(), idle, burstFigures,
                    completion,
                    latencyResult, resources, exactness, rawKafka, replay, mail, errors, status);
        }
    }

    /**
     * Raw Kafka on the same broker, with the same records. A baseline that could not be measured is recorded as such
     * and does not cost the run its own figures.
     */
    private RunResult.RawKafka rawKafka(String tag, List<Commune> communes, List<byte[]> bodies, Double endToEnd) {
        out.println("Raw Kafka baseline: producing and consuming the same records ...");
        List<String> keys = communes.stream().map(Commune::code).toList();
        RawKafkaBaseline.Result raw;
        try {
            raw = RawKafkaBaseline.run(options.bootstrap(), "benchmark.raw." + tag.toLowerCase(), 3, keys, bodies);
        } catch (Exception e) {
            out.println("Raw Kafka baseline NOT measured: " + e);
            return new RunResult.RawKafka(communes.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, null, e.toString());
        }
        RunResult.RawKafka result = new RunResult.RawKafka(raw.records(), Percentiles.round(raw.averageBytes()),
                Percentiles.round(raw.produceSeconds()), Percentiles.round(raw.consumeSeconds()),
                Percentiles.round(raw.producePerSecond()), Percentiles.round(raw.consumePerSecond()),
                Percentiles.round(raw.produceConsumePerSecond()),
                endToEnd == null ? null : Percentiles.round(endToEnd / raw.produceConsumePerSecond()), null);
        out.printf("Raw Kafka: %,.0f records/s produce, %,.0f/s consume, %,.0f/s produce-then-consume%n",
                raw.producePerSecond(), raw.consumePerSecond(), raw.produceConsumePerSecond());
        return result;
    }

    /**
     * The requests that failed at the client (no answer: a timeout, a broken connection) whose report the service
     * stored all the same, by their index in the burst: their communes' obligations are no longer open. A request
     * answered with an error stored nothing. Asked once the aggregates are complete or the wait for them has ended;
     * if report-service cannot say, none is counted (and the run keeps its figures).
     */
    private Set<Integer> storedDespiteClientFailure(Burst burst, List<Commune> communes, String programme) {
        List<Integer> unanswered = IntStream.range(0, burst.size).filter(i -> burst.status[i] == -1).boxed().toList();
        if (unanswered.isEmpty()) {
            return Set.of();
        }
        Set<String> open;
        try {
            open = api.openObligations(programme).stream().map(o -> o.path("unitCode").asString())
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            out.printf("%,d request(s) failed at the client without an answer; whether report-service stored them is "
                    + "not known (%s): left out of the expected totals%n", unanswered.size(), e);
            return Set.of();
        }
        Set<Integer> stored = storedWithoutAnswer(burst.status, communes, open);
        out.printf("%,d request(s) failed at the client without an answer; report-service stored %,d of them (their "
                + "obligations are fulfilled): counted in the expected totals%n", unanswered.size(), stored.size());
        return stored;
    }

    /**
     * Of the requests without an answer ({@code status} -1), by index, those whose commune's obligation is not among
     * {@code openUnits} (the units whose obligation of the programme is still open).
     */
    static Set<Integer> storedWithoutAnswer(int[] status, List<Commune> communes, Set<String> openUnits) {
        return IntStream.range(0, status.length).filter(i -> status[i] == -1)
                .filter(i -> !openUnits.contains(communes.get(i).code())).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private RunResult.ExactnessResult checkExactness(AggregateWatcher watcher, String programme, String period,
                                                     Map<String, ExpectedTotals> expected, int storedUnanswered)
            throws Exception {
        ExpectedTotals ministry = expected.get(MINISTRY);
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
        out.printf("Exactness: %s (%d aggregates: ministry and %d provinces, each on the topic and through the API)%n",
                differences.isEmpty() ? "PASSED" : "FAILED, " + differences.size() + " difference(s)",
                expected.size(), expected.size() - 1);
        differences.stream().limit(10).forEach(d -> out.println("  " + d));
        return new RunResult.ExactnessResult(differences.isEmpty(), expected.size(),
                "latest AggregateUpdated per key on cascade.aggregates.v1, and GET /aggregates/{programme}/{period}/{unit}",
                "completeness expected/received; per indicator value, count, sum (counts) or numerator/denominator (ratios)",
                options.perturbExpected(), differences.size() > 50 ? differences.subList(0, 50) : differences,
                differences.size(), storedUnanswered);
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
}
