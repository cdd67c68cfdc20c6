package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import dev.cascade.local.ChaosStack;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the chaos run waits for before it starts breaking things: every service has read the units, the plan's
 * obligations are open and aggregation-service knows the period. Each wait polls until {@code deadline}
 * ({@link System#nanoTime()}) and then fails with what it saw.
 */
final class ChaosReadiness {

    private ChaosReadiness() {
    }

    /**
     * The first instance of each service, called with the tokens of the stack's own identity provider: units,
     * indicators, obligations and aggregates as the ministry analyst, the plan as the ministry's planner.
     */
    static StackApi api(ChaosStack stack) {
        return new StackApi(URI.create(stack.url("plan-service-1")), URI.create(stack.url("report-service-1")),
                URI.create(stack.url("aggregation-service-1")), URI.create(stack.url("notification-service-1")),
                stack.tokens());
    }

    static void awaitUnits(ChaosStack stack, long deadline) throws Exception {
        while (true) {
            Map<String, Long> lag = DeadLetters.lag(stack.bootstrap(), Topics.UNITS, ChaosSchedule.CONSUMING);
            if (!lag.isEmpty() && lag.values().stream().allMatch(v -> v == 0)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the services did not read the units: " + lag);
            }
            Thread.sleep(2000);
        }
    }

    static String awaitObligations(StackApi api, String programme, int expected, long deadline) throws Exception {
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

    static void awaitAggregationPeriod(ChaosStack stack, String programme, String period, int expected, long deadline)
            throws Exception {
        StackApi api = api(stack);
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
}
