package dev.cascade.platform.outbox;

import lombok.RequiredArgsConstructor;
import dev.cascade.platform.kafka.ConsumerHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code /actuator/health} component {@code outbox}: whether this service's events reach the broker. {@code DEGRADED}
 * (HTTP 200: writes are still accepted, their events wait in the store) when sends have failed without a success for
 * longer than {@code cascade.outbox.unhealthy-after}; details: since when, the last error, the documents queued.
 */
@RequiredArgsConstructor
public class OutboxHealth implements HealthIndicator {

    private final OutboxRelay relay;
    private final Duration unhealthyAfter;

    @Override
    public Health health() {
        OutboxRelay.Failure failure = relay.failingSince();
        boolean failing = failure != null && failure.since().plus(unhealthyAfter).isBefore(Instant.now());
        Health.Builder health = failing ? Health.status(ConsumerHealth.DEGRADED) : Health.up();
        health.withDetail("queued", relay.queued());
        if (failure != null) {
            health.withDetail("failingSince", failure.since().toString()).withDetail("lastError", failure.error());
        }
        return health.build();
    }
}
