package dev.cascade.plan.plans;

import dev.cascade.platform.kafka.ConsumerHealth;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /actuator/health} component {@code publication}: whether issued, amended and revoked plans reach the broker.
 * {@code DEGRADED} (HTTP 200: plans are still written, their events wait in the store) while some plan's event has been
 * refused for longer than {@code cascade.publication.unhealthy-after}; details: each such plan, since when, the last
 * refusal.
 */
@Component("publication")
class PublicationHealth implements HealthIndicator {

    private final PlanPublication publication;
    private final Duration unhealthyAfter;

    PublicationHealth(PlanPublication publication,
                      @Value("${cascade.publication.unhealthy-after:PT1M}") Duration unhealthyAfter) {
        this.publication = publication;
        this.unhealthyAfter = unhealthyAfter;
    }

    @Override
    public Health health() {
        Map<String, PlanPublication.Failure> failing = publication.failing();
        Instant now = Instant.now();
        boolean degraded = failing.values().stream().anyMatch(f -> f.since().plus(unhealthyAfter).isBefore(now));
        Health.Builder health = degraded ? Health.status(ConsumerHealth.DEGRADED) : Health.up();
        health.withDetail("plansNotPublished", failing.size());
        failing.forEach((planId, failure) -> health.withDetail(planId,
                Map.of("failingSince", failure.since().toString(), "lastError", failure.error())));
        return health.build();
    }
}
