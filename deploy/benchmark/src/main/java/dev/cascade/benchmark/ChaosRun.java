package dev.cascade.benchmark;

import dev.cascade.local.ChaosStack;
import dev.cascade.local.InFlight;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.cascade.benchmark.ChaosSchedule.secondsSince;

/**
 * The chaos command: runs Cascade in the deployment shape (each service in its own JVM, {@code -Xmx512m}), submits a
 * burst of reports from several clients while it kills -9 random services at random moments (each started again at
 * once), restarts the broker once and the store once, and runs a second instance of report- and aggregation-service
 * for part of the time. Then it waits for the stack to settle and checks: every report answered 201 is in the
 * aggregates exactly once (the ministry and every province equal totals computed here), nothing pending, parked or
 * leased in any store, no dead-letter topic grew, no e-mail sent twice. It prints its figures, including the time from
 * each restart until the instance applies records again. Bounded: it gives up after {@code --max-minutes}.
 * Exit status 0 when every check passed, 1 otherwise.
 */
public final class ChaosRun {

    private final PrintStream out;
    private final ChaosOptions options;
    private final Random random;
    private final List<String> failures = new CopyOnWriteArrayList<>();

    ChaosRun(ChaosOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) throws Exception {
        // the store answers clients that a kill -9 cut off with a stack trace each: expected here, not news
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("de.bwaldvogel.mongo"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
        Optional<ChaosOptions> options = ChaosOptions.parse(args);
        if (options.isEmpty()) {
            System.err.println(ChaosOptions.USAGE);
            System.exit(64);
            return;
        }
        System.exit(new ChaosRun(options.get(), System.out).run());
    }

    int run() throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.MINUTES.toNanos(options.maxMinutes());
        Path home = Files.createTempDirectory("cascade-chaos");
        out.println("Chaos run: data and logs in " + home);
        int status = 1;
        try (ChaosStack stack = new ChaosStack(home, options.basePort())) {
            stack.start(options.provinces(), options.heap(), Duration.ofMinutes(4));
            KafkaClients.register(stack.bootstrap(), stack.kafkaCredentials());
            out.printf("Stack up in %.1f s: %s%n", secondsSince(begin), stack.instances());
            status = drive(stack, options.kills(), options.clients(), options.burstSeconds(), deadline, begin);
            return status;
        } finally {
            if (options.keep() || status != 0) {
                out.println("Data and logs kept in " + home);
            } else {
                deleteQuietly(home);
            }
        }
    }

    private int drive(ChaosStack stack, int kills, int clients, int burstSeconds, long deadline, long begin)
            throws Exception {
        StackApi api = ChaosReadiness.api(stack);
        ChaosReadiness.awaitUnits(stack, deadline);
        List<Indicator> catalogue = api.indicators();
        List<Indicator> indicators = catalogue.subList(0, Math.min(8, catalogue.size()));
        List<Commune> communes = api.communes("2024-12-01", 4);
        out.printf("%,d communes, %d indicators%n", communes.size(), indicators.size());

        String tag = "CH" + Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase();
        String programme = tag + "-ANNUAL";
        Map<String, Long> dlqBefore = DeadLetters.endOffsets(stack.bootstrap());
        JsonNode created = api.post(URI.create(stack.url("plan-service-1") + "/plans"),
                RequestBodies.planBody(tag, programme, indicators, communes), 201,
                StackApi.planner(NationalBurst.MINISTRY));
        String planId = created.path("planId").asString();
        api.post(URI.create(stack.url("plan-service-1") + "/plans/" + StackApi.enc(planId) + "/issue"), Map.of(), 200,
                StackApi.planner(NationalBurst.MINISTRY));
        String period = ChaosReadiness.awaitObligations(api, programme, communes.size(), deadline);
        ChaosReadiness.awaitAggregationPeriod(stack, programme, period, communes.size(), deadline);
        out.printf("Plan %s issued, %,d obligations open for %s (%.0f s)%n", planId, communes.size(), period,
                secondsSince(begin));

        List<byte[]> bodies = new ArrayList<>();
        List<Map<String, long[]>> drawn = new ArrayList<>();
        for (Commune commune : communes) {
            Map<String, long[]> values = ReportValues.draw(2026, commune.code(), indicators);
            drawn.add(values);
            bodies.add(StackApi.JSON.writeValueAsBytes(RequestBodies.reportBody(commune, programme, period, values)));
        }

        // the clerks log in before the burst (the identity provider runs in this JVM and is not killed)
        ReporterTokens tokens = ReporterTokens.fetch(stack.tokens(), communes.stream().map(Commune::code).toList(), 8);
        out.printf("Token fetch: %,d reporters' tokens in %.1f s%n", tokens.fetched(), tokens.seconds());

        try (AggregateWatcher watcher = new AggregateWatcher(stack.bootstrap(), programme)) {
            watcher.start();
            ChaosSubmitter submitter = new ChaosSubmitter(stack, bodies, tokens.headers(), clients, burstSeconds,
                    failures);
            ChaosSchedule chaos = new ChaosSchedule(stack, kills, burstSeconds, random, out, failures);
            long burstStart = System.nanoTime();
            Thread chaosThread = new Thread(chaos::run, "chaos");
            chaosThread.start();
            submitter.run(deadline);
            chaosThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            out.printf("Burst done: %,d of %,d accepted (201) in %.0f s, %,d retries after errors; %d kills done%n",
                    submitter.accepted(), bodies.size(), secondsSince(burstStart), submitter.retries.get(),
                    chaos.kills.size());

            // every instance that should run is running; the stack settles
            for (String instance : stack.instances()) {
                if (!stack.alive(instance) && instance.endsWith("-1")) {
                    failures.add(instance + " is not running at the end");
                    out.println(stack.exitReport(instance, 60));
                }
            }
            long settleStart = System.nanoTime();
            long complete = watcher.awaitMinistryReceived(submitter.accepted(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            out.printf("Ministry aggregate shows %,d reports %.1f s after the burst ended%s%n",
                    watcher.ministryReceived(), secondsSince(settleStart), complete > 0 ? "" : " (NOT complete)");
            if (complete < 0) {
                failures.add("the ministry aggregate shows " + watcher.ministryReceived() + " of "
                        + submitter.accepted() + " accepted reports");
            }
            InFlight inFlight = awaitSettled(stack, deadline);
            checkExactness(api, stack, programme, period, indicators, communes, drawn, submitter);
            Map<String, Long> dlqGrowth = new TreeMap<>(DeadLetters.growth(dlqBefore,
                    DeadLetters.endOffsets(stack.bootstrap())));
            if (!dlqGrowth.isEmpty()) {
                failures.add("dead-letter topics grew: " + dlqGrowth);
            }
            long duplicates = duplicateMail(stack.mail());
            if (duplicates > 0) {
                failures.add(duplicates + " e-mail(s) sent more than once");
            }
            report(chaos, submitter, inFlight, dlqGrowth, stack.mail().size(), duplicates, begin);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private void report(ChaosSchedule chaos, ChaosSubmitter submitter, InFlight inFlight,
                        Map<String, Long> dlqGrowth, int mails, long duplicates, long begin) {
        out.println();
        out.println("=== Chaos figures ===");
        Map<String, Long> perService = chaos.kills.stream().collect(Collectors.groupingBy(k -> k.service,
                TreeMap::new, Collectors.counting()));
        out.printf("kills (kill -9, restarted at once): %d %s%n", chaos.kills.size(), perService);
        List<Double> applying = chaos.kills.stream().filter(k -> k.applyingSeconds >= 0)
                .map(k -> k.applyingSeconds).sorted().toList();
        List<Double> healthy = chaos.kills.stream().filter(k -> k.healthySeconds >= 0)
                .map(k -> k.healthySeconds).sorted().toList();
        out.printf("restart → healthy (s): %s%n", summary(healthy));
        out.printf("restart → applying records again (s, consuming services; healthy and every consumer of the "
                + "instance holds partitions): %s%n", summary(applying));
        for (ChaosSchedule.Kill kill : chaos.kills) {
            out.printf("  %6.1f s  %-24s healthy after %5.1f s, applying after %5.1f s%n", kill.atSeconds,
                    kill.instance, kill.healthySeconds, kill.applyingSeconds);
        }
        out.printf("broker restarted once: away %.1f s; store restarted once: away %.1f s%n", chaos.brokerAway,
                chaos.storeAway);
        out.printf("second instances: %s for %.0f s%n", chaos.seconds, chaos.secondSeconds);
        out.printf("reports: %,d submitted, %,d accepted (201), %,d retried after a failed attempt, HTTP outcomes %s%n",
                submitter.size(), submitter.accepted(), submitter.retries.get(), new TreeMap<>(submitter.outcomes));
        out.printf("in flight at the end: %s%n", inFlight);
        out.printf("dead-letter growth: %s; e-mails received %d, duplicates %d%n", dlqGrowth, mails, duplicates);
        out.printf("wall time %.0f s%n", secondsSince(begin));
        if (failures.isEmpty()) {
            out.println("CHAOS PASSED: every accepted report exactly once at every province and the ministry, "
                    + "nothing in flight, no dead letters, no e-mail twice");
        } else {
            out.println("CHAOS FAILED:");
            failures.forEach(f -> out.println("  - " + f));
        }
    }

    private InFlight awaitSettled(ChaosStack stack, long deadline) throws InterruptedException {
        InFlight inFlight = stack.inFlight();
        while (!inFlight.none() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            inFlight = stack.inFlight();
        }
        if (!inFlight.none()) {
            failures.add("still in flight at the end: " + inFlight);
        }
        return inFlight;
    }

    private void checkExactness(StackApi api, ChaosStack stack, String programme, String period,
                                List<Indicator> indicators, List<Commune> communes, List<Map<String, long[]>> drawn,
                                ChaosSubmitter submitter) throws Exception {
        Map<String, ExpectedTotals> expected = ExpectedTotals.ministryAndProvinces(indicators, communes, drawn,
                submitter::accepted);
        int checked = 0;
        for (ExpectedTotals totals : expected.values()) {
            JsonNode served = api.getOrNull(URI.create(stack.url("aggregation-service-1") + "/aggregates/"
                    + StackApi.enc(programme) + "/" + StackApi.enc(period) + "/" + totals.unitCode));
            List<String> differences = Exactness.differences("served", totals, served);
            if (!differences.isEmpty()) {
                failures.add(String.join("; ", differences.subList(0, Math.min(5, differences.size()))));
            }
            checked++;
        }
        out.printf("Exactness: the ministry and %d provinces checked against totals computed here%n", checked - 1);
    }

    /** How many messages repeat an earlier one (same recipients, subject and body). */
    private static long duplicateMail(List<Map<String, Object>> messages) {
        Map<String, Long> seen = messages.stream().collect(Collectors.groupingBy(
                m -> m.get("to") + "\n" + m.get("subject") + "\n" + m.get("body"), Collectors.counting()));
        return seen.values().stream().mapToLong(n -> n - 1).sum();
    }

    private static String summary(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format("n=%d min %.1f, median %.1f, max %.1f", sorted.size(), sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    private static void deleteQuietly(Path home) {
        try (var paths = Files.walk(home)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary folder left behind
        }
    }
}
