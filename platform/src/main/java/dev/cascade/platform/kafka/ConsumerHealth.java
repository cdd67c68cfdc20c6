package dev.cascade.platform.kafka;

import lombok.RequiredArgsConstructor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/health} component {@code consumers}: whether this service can apply what it consumes.
 * <ul>
 *   <li>{@code OUT_OF_SERVICE} when a partition's record has kept failing for longer than
 *       {@code cascade.consumer.stuck-after} (the store or the broker away, or a record retried without end): the
 *       service is not doing its job, and readiness says so;</li>
 *   <li>{@code DEGRADED} when a dead-letter topic of its inputs holds records: the rest flows, but some input was not
 *       applied and needs a person (HTTP 200);</li>
 *   <li>{@code UP} otherwise.</li>
 * </ul>
 * Details: the failing partitions (topic, partition, offset, since, attempts, error), the records in each dead-letter
 * topic, and how many this instance sent there since it started.
 */
@RequiredArgsConstructor
public class ConsumerHealth implements HealthIndicator {

    /** Some input could not be applied and waits in a dead-letter topic; everything else flows. */
    public static final Status DEGRADED = new Status("DEGRADED", "some inputs were dead-lettered");

    private final ConsumerFaultMonitor monitor;
    private final DeadLetterTopics deadLetters;

    @Override
    public Health health() {
        List<ConsumerFaultMonitor.Failing> stuck = monitor.stuck();
        DeadLetterTopics.Reading reading = deadLetters.read();
        long deadLettered = reading.records().values().stream().mapToLong(Long::longValue).sum();
        Health.Builder health = !stuck.isEmpty() ? Health.outOfService()
                : deadLettered > 0 ? Health.status(DEGRADED) : Health.up();
        if (!stuck.isEmpty()) {
            health.withDetail("stuck", stuck.stream().map(ConsumerHealth::describe).toList());
        }
        List<ConsumerFaultMonitor.Failing> failing = monitor.failing();
        if (!failing.isEmpty()) {
            health.withDetail("failing", failing.stream().map(ConsumerHealth::describe).toList());
        }
        health.withDetail("deadLetterTopics", reading.records());
        if (reading.error() != null) {
            health.withDetail("deadLetterTopicsError", reading.error());
        }
        health.withDetail("deadLetteredByThisInstance", monitor.deadLetteredByTopic());
        health.withDetail("stuckAfter", monitor.stuckAfter().toString());
        return health.build();
    }

    private static Map<String, Object> describe(ConsumerFaultMonitor.Failing f) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", f.topic());
        details.put("partition", f.partition());
        details.put("offset", f.offset());
        details.put("since", f.since().toString());
        details.put("attempts", f.attempts());
        details.put("error", f.error());
        return details;
    }
}
