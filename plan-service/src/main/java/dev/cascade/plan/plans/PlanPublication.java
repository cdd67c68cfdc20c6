package dev.cascade.plan.plans;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Publishes each published version of a plan (issued, amended, revoked) on {@code cascade.plans.v1} (key and subject =
 * plan id) and marks it published once the broker has acknowledged it. A version left unpublished goes out on the
 * next {@link #publishPending()}.
 */
@Component
@RequiredArgsConstructor
public class PlanPublication {

    private final PlanStore store;
    private final EventProducer producer;
    private final OutboxEvents events;

    /** @return the plan, marked published if the broker acknowledged it */
    public Plan publish(Plan issued) {
        if (producer.sendAll(List.of(event(issued))).all()) {
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

    /**
     * The event of a plan's latest published version: {@code cascade.plan.issued} (version 1),
     * {@code cascade.plan.amended} (the whole plan, version 2, 3, …) or {@code cascade.plan.revoked}.
     */
    public OutboxEvent event(Plan plan) {
        String id = "plan-" + plan.planId() + "-v" + plan.issuedVersion();
        if (plan.status() == PlanStatus.REVOKED) {
            return events.composeWithId(id, EventTypes.PLAN_REVOKED, Topics.PLANS, plan.planId(), plan.planId(),
                    plan.updatedAt(), plan.toRevokedEvent());
        }
        if (plan.issuedVersion() > 1) {
            return events.composeWithId(id, EventTypes.PLAN_AMENDED, Topics.PLANS, plan.planId(), plan.planId(),
                    plan.updatedAt(), plan.toIssuedEvent());
        }
        return events.composeWithId(id, EventTypes.PLAN_ISSUED, Topics.PLANS, plan.planId(), plan.planId(),
                plan.issuedAt(), plan.toIssuedEvent());
    }
}
