package dev.cascade.plan.plans;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.plan.messaging.EventPublisher;
import dev.cascade.plan.messaging.OutgoingEvent;
import dev.cascade.plan.plans.domain.Plan;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Publishes an issued plan as {@code PlanIssued} on {@code cascade.plans.v1} (key and subject = plan id) and marks it
 * published once the broker has acknowledged it. An issued plan left unpublished goes out on the next
 * {@link #publishPending()}.
 */
@Component
public class PlanPublication {

    private final PlanStore store;
    private final EventPublisher publisher;

    public PlanPublication(PlanStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    /** @return the plan, marked published if the broker acknowledged it */
    public Plan publish(Plan issued) {
        if (publisher.publishAll(List.of(event(issued))).get(0)) {
            store.markPublished(issued.planId(), issued.version());
            return issued.markPublished();
        }
        return issued;
    }

    /** @return how many plans were published */
    public synchronized int publishPending() {
        int published = 0;
        for (Plan plan : store.issuedUnpublished()) {
            if (publish(plan).published()) {
                published++;
            }
        }
        return published;
    }

    /** The {@code PlanIssued} event of an issued plan version. */
    public static OutgoingEvent event(Plan plan) {
        return new OutgoingEvent(Topics.PLANS, EventTypes.PLAN_ISSUED, "plan-" + plan.planId() + "-v" + plan.issuedVersion(),
                plan.planId(), plan.planId(), plan.issuedAt(), plan.toIssuedEvent());
    }
}
