package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.cascade.benchmark.NationalBurst.MINISTRY;

/**
 * Before a burst: the ministry's planner ({@code planner-BGDDT}) creates and issues a plan in which every chosen
 * commune reports, and the run waits until every service has taken it (obligations open, the ministry aggregate
 * expects every commune, every ObligationOpened read by notification-service; read as the ministry analyst), as in a
 * real season where plans are issued weeks before the reports.
 */
final class PlanSetup {

    /** The plan, its period and how long each step took. */
    record Prepared(String planId, String period, RunResult.Setup setup) {
    }

    private final Options options;
    private final StackApi api;
    private final PrintStream out;

    PlanSetup(Options options, StackApi api, PrintStream out) {
        this.options = options;
        this.api = api;
        this.out = out;
    }

    /** Creates and issues the plan of {@code programme} and waits until every service has taken it. */
    Prepared prepare(String tag, String programme, List<Indicator> indicators, List<Commune> communes)
            throws Exception {
        // the plan: issued by the ministry, every chosen commune reports
        Map<String, Long> dlqBeforePlan = DeadLetters.endOffsets(options.bootstrap());
        long obligationEventsBefore = DeadLetters.endOffset(options.bootstrap(), Topics.OBLIGATIONS);
        long t0 = System.nanoTime();
        JsonNode created = api.post(options.plan().resolve("/plans"),
                RequestBodies.planBody(tag, programme, indicators, communes), 201, StackApi.planner(MINISTRY));
        String planId = created.path("planId").asString();
        long t1 = System.nanoTime();
        JsonNode issued = api.post(options.plan().resolve("/plans/" + StackApi.enc(planId) + "/issue"), Map.of(), 200,
                StackApi.planner(MINISTRY));
        long t2 = System.nanoTime();
        out.printf("Plan %s created in %.2f s, issued in %.2f s (published %s), programme %s%n", planId,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, issued.path("published").asString(), programme);

        // report-service opens one obligation per commune
        List<JsonNode> open = awaitObligations(programme, communes.size());
        long t3 = System.nanoTime();
        String period = open.get(0).path("period").asString();
        out.printf("Obligations open: %,d for period %s, %.1f s after issue%n", open.size(), period, (t3 - t2) / 1e9);
        Map<String, Long> planDeadLetters = DeadLetters.growth(dlqBeforePlan, DeadLetters.endOffsets(options.bootstrap()));
        // another record may be dead-lettered meanwhile: only this plan's own dead letters stop the run
        long ownDeadLetters = planDeadLetters.isEmpty() ? 0
                : DeadLetters.recordsWithKey(options.bootstrap(), Topics.PLANS + ".dlq", planId);
        if (ownDeadLetters > 0) {
            throw new IllegalStateException("plan " + planId + " was dead-lettered " + ownDeadLetters
                    + " time(s) — a service could not take the plan; see the stack's .cascade/logs/cascade.log");
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
        return new Prepared(planId, period, new RunResult.Setup(Percentiles.round((t1 - t0) / 1e9),
                Percentiles.round((t2 - t1) / 1e9), Percentiles.round((t3 - t2) / 1e9),
                Percentiles.round((t4 - t2) / 1e9), Percentiles.round((t5 - t2) / 1e9)));
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
                // the burst walks the tree of 63 provinces: its plan's period must open before the 2025 reform
                throw new IllegalStateException("only " + open.size() + " of " + expected + " obligations open after "
                        + options.obligationsWaitSeconds() + " s (is the stack's clock before the reform? start it"
                        + " with CASCADE_CLOCK=2024-12-07T09:00:00+07:00, deploy/benchmark/README.md)");
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
}
