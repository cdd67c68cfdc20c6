package dev.cascade.plan;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.plan.plans.PlanPublication;
import dev.cascade.plan.unit.UnitPublication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.cascade.platform.schedule.PeriodicJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Sends whatever was stored but not yet acknowledged by the broker (units, issued plans), e.g. after the broker was
 * away or the process stopped between the write and the send. Runs every {@code cascade.publication.retry-interval}
 * and can be triggered from code.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class PendingPublications {

    private static final Logger log = LoggerFactory.getLogger(PendingPublications.class);

    private final UnitPublication units;
    private final PlanPublication plans;

    @Bean
    static PeriodicJob pendingPublicationsJob(PendingPublications publications,
                                              @Value("${cascade.publication.retry-interval:PT30S}") Duration interval) {
        return PeriodicJob.every("pending-publications", interval, publications::publishPending);
    }

    public void publishPending() {
        int unitCount = units.publishPending();
        int planCount = plans.publishPending();
        if (unitCount + planCount > 0) {
            log.info("published pending events: {} units, {} plans", unitCount, planCount);
        }
    }
}
