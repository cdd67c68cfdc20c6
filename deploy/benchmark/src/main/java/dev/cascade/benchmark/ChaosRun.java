package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import dev.cascade.local.ChaosStack;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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

    private static final List<String> CONSUMING = List.of("report-service", "aggregation-service",
            "notification-service");

    private final PrintStream out;
    private final Map<String, String> options;
    private final Random random;
    private final List<String> failures = new CopyOnWriteArrayList<>();

    ChaosRun(Map<String, String> options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.random = new Random(Long.parseLong(options.getOrDefault("seed", "2026")));
    }

    public static void main(String[] args) throws Exception {
        // the store answers clients that a kill -9 cut off with a stack trace each: expected here, not news
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("de.bwaldvogel.mongo"))
                .setLevel(ch.qos.logback.classic.Level.OFF);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                System.err.println("usage: ChaosRun [--kills 20] [--clients 8] [--provinces 30,89,...] "
                        + "[--burst-seconds 200] [--max-minutes 10] [--seed N] [--base-port 29000] [--heap 512m]");
                System.exit(64);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        System.exit(new ChaosRun(options, System.out).run());
    }

    int run() throws Exception {
        long begin = System.nanoTime();
        int kills = Integer.parseInt(options.getOrDefault("kills", "20"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int burstSeconds = Integer.parseInt(options.getOrDefault("burst-seconds", "180"));
        long deadline = begin + TimeUnit.MINUTES.toNanos(Long.parseLong(options.getOrDefault("max-minutes", "10")));
        // 2,241 communes: the demo's five provinces and Thanh Hóa, Hà Nội, Nghệ An
        String provinces = options.getOrDefault("provinces", "30,89,22,92,68,38,01,40");
        Path home = Files.createTempDirectory("cascade-chaos");
        out.println("Chaos run: data and logs in " + home);
        try (ChaosStack stack = new ChaosStack(home, Integer.parseInt(options.getOrDefault("base-port", "29000")))) {
            stack.start(provinces, options.getOrDefault("heap", "512m"), Duration.ofMinutes(4));
            out.printf("Stack up in %.1f s: %s%n", seconds(begin), stack.instances());
            return drive(stack, kills, clients, burstSeconds, deadline, begin);
        } finally {
            if (!"true".equals(options.get("keep"))) {
                deleteQuietly(home);
            }
        }
    }

    private int drive(ChaosStack stack, int kills, int clients, int burstSeconds, long deadline, long begin)
            throws Exception {
        StackApi api = new StackApi(URI.create(stack.url("plan-service-1")), URI.create(stack.url("report-service-1")),
                URI.create(stack.url("aggregation-service-1")), URI.create(stack.url("notification-service-1")));
        awaitUnits(stack, deadline);
        List<Indicator> catalogue = api.indicators();
        List<Indicator> indicators = catalogue.subList(0, Math.min(8, catalogue.size()));
        List<Commune> communes = api.communes("2024-12-01", 4);
        out.printf("%,d communes, %d indicators%n", communes.size(), indicators.size());

        String tag = "CH" + Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase();
        String programme = tag + "-ANNUAL";
        Map<String, Long> dlqBefore = DeadLetters.endOffsets(stack.bootstrap());
        JsonNode created = api.post(URI.create(stack.url("plan-service-1") + "/plans"),
                NationalBurst.planBody(tag, programme, indicators, communes), 201);
        String planId = created.path("planId").asString();
        api.post(URI.create(stack.url("plan-service-1") + "/plans/" + StackApi.enc(planId) + "/issue"), Map.of(), 200);
        String period = awaitObligations(api, programme, communes.size(), deadline);
        awaitAggregationPeriod(stack, programme, period, communes.size(), deadline);
        out.printf("Plan %s issued, %,d obligations open for %s (%.0f s)%n", planId, communes.size(), period,
                seconds(begin));

        List<byte[]> bodies = new ArrayList<>();
        List<Map<String, long[]>> drawn = new ArrayList<>();
        for (Commune commune : communes) {
            Map<String, long[]> values = ReportValues.draw(2026, commune.code(), indicators);
            drawn.add(values);
            bodies.add(StackApi.JSON.writeValueAsBytes(NationalBurst.reportBody(commune, programme, period, values)));
        }

        try (AggregateWatcher watcher = new AggregateWatcher(stack.bootstrap(), programme)) {
            watcher.start();
            Submitter submitter = new Submitter(stack, bodies, clients, burstSeconds);
            Chaos chaos = new Chaos(stack, kills, burstSeconds);
            long burstStart = System.nanoTime();
            Thread chaosThread = new Thread(chaos::run, "chaos");
            chaosThread.start();
            submitter.run(deadline);
            chaosThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            out.printf("Burst done: %,d of %,d accepted (201) in %.0f s, %,d retries after errors; %d kills done%n",
                    submitter.accepted(), bodies.size(), seconds(burstStart), submitter.retries.get(),
                    chaos.kills.size());

            // every instance that should run is running; the stack settles
            for (String instance : stack.instances()) {
                if (!stack.alive(instance) && instance.endsWith("-1")) {
                    failures.add(instance + " is not running at the end");
                }
            }
            long settleStart = System.nanoTime();
            long complete = watcher.awaitMinistryReceived(submitter.accepted(),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            out.printf("Ministry aggregate shows %,d reports %.1f s after the burst ended%s%n",
                    watcher.ministryReceived(), seconds(settleStart), complete > 0 ? "" : " (NOT complete)");
            if (complete < 0) {
                failures.add("the ministry aggregate shows " + watcher.ministryReceived() + " of "
                        + submitter.accepted() + " accepted reports");
            }
            ChaosStack.InFlight inFlight = awaitSettled(stack, deadline);
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

    private void report(Chaos chaos, Submitter submitter, ChaosStack.InFlight inFlight, Map<String, Long> dlqGrowth,
                        int mails, long duplicates, long begin) {
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
        for (Kill kill : chaos.kills) {
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
        out.printf("wall time %.0f s%n", seconds(begin));
        if (failures.isEmpty()) {
            out.println("CHAOS PASSED: every accepted report exactly once at every province and the ministry, "
                    + "nothing in flight, no dead letters, no e-mail twice");
        } else {
            out.println("CHAOS FAILED:");
            failures.forEach(f -> out.println("  - " + f));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The reports, each POSTed until it is answered 201, by N clients at a pace that spreads them over the burst. */
    private final class Submitter {

        private final ChaosStack stack;
        private final List<byte[]> bodies;
        private final int clients;
        private final long spacingNanos;
        private final int[] status;
        final AtomicInteger retries = new AtomicInteger();
        final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();

        Submitter(ChaosStack stack, List<byte[]> bodies, int clients, int burstSeconds) {
            this.stack = stack;
            this.bodies = bodies;
            this.clients = clients;
            this.spacingNanos = TimeUnit.SECONDS.toNanos(burstSeconds) * clients / Math.max(1, bodies.size());
            this.status = new int[bodies.size()];
        }

        int size() {
            return bodies.size();
        }

        synchronized int accepted() {
            int n = 0;
            for (int s : status) {
                if (s == 201) {
                    n++;
                }
            }
            return n;
        }

        void run(long deadline) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        long due = System.nanoTime() + spacingNanos;
                        submit(i, deadline);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            pool.shutdownNow();
        }

        /** POSTs report i with its own idempotency key until 201 (or a refusal that will not change). */
        private void submit(int i, long deadline) {
            String key = "chaos-" + i;
            int attempt = 0;
            while (System.nanoTime() < deadline) {
                List<String> reportInstances = stack.instances().stream()
                        .filter(n -> n.startsWith("report-service") && stack.alive(n)).toList();
                String instance = reportInstances.isEmpty() ? "report-service-1"
                        : reportInstances.get((i + attempt) % reportInstances.size());
                String outcome;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(stack.url(instance) + "/reports")).timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json").header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    outcome = String.valueOf(response.statusCode());
                    if (response.statusCode() == 201) {
                        synchronized (this) {
                            status[i] = 201;
                        }
                        outcomes.merge(outcome, 1, Integer::sum);
                        return;
                    }
                    if (response.statusCode() == 400 || response.statusCode() == 422) {
                        failures.add("report " + i + " refused " + response.statusCode() + ": "
                                + response.body().substring(0, Math.min(300, response.body().length())));
                        outcomes.merge(outcome, 1, Integer::sum);
                        return;
                    }
                } catch (java.io.IOException e) {
                    outcome = e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                outcomes.merge(outcome, 1, Integer::sum);
                retries.incrementAndGet();
                attempt++;
                try {
                    TimeUnit.MILLISECONDS.sleep(Math.min(2000, 200L * attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            failures.add("report " + i + " was not accepted before the time limit");
        }
    }

    /** One kill -9 and what followed. */
    private static final class Kill {
        final String instance;
        final String service;
        final double atSeconds;
        volatile double healthySeconds = -1;
        volatile double applyingSeconds = -1;

        Kill(String instance, String service, double atSeconds) {
            this.instance = instance;
            this.service = service;
            this.atSeconds = atSeconds;
        }
    }

    /** The faults, spread over the burst: kills at random moments, the broker and the store restarted once each. */
    private final class Chaos {

        private final ChaosStack stack;
        private final int killCount;
        private final long burstNanos;
        final List<Kill> kills = new CopyOnWriteArrayList<>();
        final List<String> seconds = new ArrayList<>();
        volatile double brokerAway = -1;
        volatile double storeAway = -1;
        volatile double secondSeconds;

        Chaos(ChaosStack stack, int killCount, int burstSeconds) {
            this.stack = stack;
            this.killCount = killCount;
            this.burstNanos = TimeUnit.SECONDS.toNanos(burstSeconds);
        }

        void run() {
            long start = System.nanoTime();
            try {
                // the moments of the faults, in order: kills at random over the burst, the broker at a third, the
                // store at two thirds, second instances from 10 % to 60 %
                List<Double> moments = new ArrayList<>();
                for (int k = 0; k < killCount; k++) {
                    moments.add(0.05 + 0.85 * random.nextDouble());
                }
                Collections.sort(moments);
                boolean brokerDone = false;
                boolean storeDone = false;
                boolean secondStarted = false;
                boolean secondStopped = false;
                long secondsStart = 0;
                int k = 0;
                while (k < moments.size() || !brokerDone || !storeDone || !secondStopped) {
                    double now = (System.nanoTime() - start) / (double) burstNanos;
                    if (!secondStarted && now >= 0.10) {
                        seconds.add(stack.startSecond("report-service"));
                        seconds.add(stack.startSecond("aggregation-service"));
                        secondsStart = System.nanoTime();
                        secondStarted = true;
                        out.printf("  %5.0f s  started %s%n", elapsed(start), seconds);
                    } else if (secondStarted && !secondStopped && now >= 0.60) {
                        for (String second : seconds) {
                            stack.stop(second);
                        }
                        secondSeconds = (System.nanoTime() - secondsStart) / 1e9;
                        secondStopped = true;
                        out.printf("  %5.0f s  stopped %s%n", elapsed(start), seconds);
                    } else if (!brokerDone && now >= 0.33) {
                        out.printf("  %5.0f s  restarting the broker%n", elapsed(start));
                        brokerAway = stack.restartBroker();
                        brokerDone = true;
                        out.printf("  %5.0f s  broker back after %.1f s%n", elapsed(start), brokerAway);
                    } else if (!storeDone && now >= 0.66) {
                        out.printf("  %5.0f s  restarting the store%n", elapsed(start));
                        storeAway = stack.restartStore();
                        storeDone = true;
                        out.printf("  %5.0f s  store back after %.1f s%n", elapsed(start), storeAway);
                    } else if (k < moments.size() && now >= moments.get(k)) {
                        // a healthy instance, at random; at most two instances down at once, so that the stack
                        // keeps moving between the blows
                        List<String> running = stack.instances().stream().filter(stack::alive).toList();
                        List<String> candidates = running.stream().filter(stack::healthy).toList();
                        if (!candidates.isEmpty() && running.size() - candidates.size() < 2) {
                            String victim = candidates.get(random.nextInt(candidates.size()));
                            Kill kill = new Kill(victim, stack.serviceOf(victim), elapsed(start));
                            Map<String, String> before = CONSUMING.contains(kill.service)
                                    ? stack.consumingMembers(victim, List.of(kill.service)) : Map.of();
                            long restarted = stack.killAndRestart(victim);
                            kills.add(kill);
                            out.printf("  %5.0f s  kill -9 %s (restarted)%n", kill.atSeconds, victim);
                            Thread watch = new Thread(() -> watchRecovery(kill, restarted, before),
                                    "watch-" + victim);
                            watch.setDaemon(true);
                            watch.start();
                            k++;
                        } else {
                            Thread.sleep(500);
                        }
                    } else {
                        Thread.sleep(100);
                    }
                }
            } catch (Exception e) {
                failures.add("the chaos schedule failed: " + e);
            }
        }

        /**
         * Healthy: {@code /actuator/health} answers 200. Applying: every consumer the instance had before the kill is
         * back as a member with a new member id and holds partitions again.
         */
        private void watchRecovery(Kill kill, long restartedNanos, Map<String, String> membersBefore) {
            long limit = restartedNanos + TimeUnit.MINUTES.toNanos(4);
            boolean consuming = CONSUMING.contains(kill.service);
            List<String> groups = List.of(kill.service);
            while (System.nanoTime() < limit) {
                if (kill.healthySeconds < 0 && stack.healthy(kill.instance)) {
                    kill.healthySeconds = (System.nanoTime() - restartedNanos) / 1e9;
                    if (!consuming) {
                        kill.applyingSeconds = kill.healthySeconds;
                        return;
                    }
                }
                if (kill.healthySeconds >= 0 && consuming && rejoined(membersBefore,
                        stack.consumingMembers(kill.instance, groups))) {
                    kill.applyingSeconds = (System.nanoTime() - restartedNanos) / 1e9;
                    return;
                }
                if (!stack.alive(kill.instance)) {
                    return; // killed again, or stopped
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Every consumer seen before the kill holds partitions again under a new member id. */
    private static boolean rejoined(Map<String, String> before, Map<String, String> now) {
        if (now.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> member : before.entrySet()) {
            String current = now.get(member.getKey());
            if (current == null || current.equals(member.getValue())) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------

    private void awaitUnits(ChaosStack stack, long deadline) throws Exception {
        while (true) {
            Map<String, Long> lag = DeadLetters.lag(stack.bootstrap(), Topics.UNITS, CONSUMING);
            if (!lag.isEmpty() && lag.values().stream().allMatch(v -> v == 0)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the services did not read the units: " + lag);
            }
            Thread.sleep(2000);
        }
    }

    private String awaitObligations(StackApi api, String programme, int expected, long deadline) throws Exception {
        while (true) {
            List<JsonNode> open = api.openObligations(programme);
            if (open.size() >= expected) {
                return open.get(0).path("period").asString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(open.size() + " of " + expected + " obligations open");
            }
            Thread.sleep(2000);
        }
    }

    private void awaitAggregationPeriod(ChaosStack stack, String programme, String period, int expected, long deadline)
            throws Exception {
        StackApi api = new StackApi(URI.create(stack.url("plan-service-1")), URI.create(stack.url("report-service-1")),
                URI.create(stack.url("aggregation-service-1")), URI.create(stack.url("notification-service-1")));
        while (true) {
            JsonNode ministry = api.getOrNull(URI.create(stack.url("aggregation-service-1") + "/aggregates/"
                    + StackApi.enc(programme) + "/" + StackApi.enc(period) + "/" + NationalBurst.MINISTRY));
            if (ministry != null && ministry.path("completeness").path("expected").asInt() == expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("aggregation-service does not know the period of " + programme);
            }
            Thread.sleep(1000);
        }
    }

    private ChaosStack.InFlight awaitSettled(ChaosStack stack, long deadline) throws InterruptedException {
        ChaosStack.InFlight inFlight = stack.inFlight();
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
                                Submitter submitter) throws Exception {
        Map<String, ExpectedTotals> expected = new TreeMap<>();
        ExpectedTotals ministry = new ExpectedTotals(NationalBurst.MINISTRY, indicators);
        expected.put(NationalBurst.MINISTRY, ministry);
        for (int i = 0; i < communes.size(); i++) {
            ExpectedTotals province = expected.computeIfAbsent(communes.get(i).provinceCode(),
                    code -> new ExpectedTotals(code, indicators));
            ministry.expected++;
            province.expected++;
            if (submitter.status[i] == 201) {
                ministry.add(drawn.get(i));
                province.add(drawn.get(i));
            }
        }
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

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double elapsed(long since) {
        return seconds(since);
    }

    private static void deleteQuietly(Path home) {
        try (var paths = Files.walk(home)) {
            paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary folder left behind
        }
    }
}
