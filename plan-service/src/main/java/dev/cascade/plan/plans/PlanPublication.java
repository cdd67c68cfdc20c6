package dev.cascade.plan.plans;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes each published version of a plan (issued, amended, revoked) on {@code cascade.plans.v1} (key and subject =
 * plan id) and marks it published once the broker has acknowledged it. A version left unpublished goes out on the
 * next {@link #publishPending()}.
 */
@Component
@RequiredArgsConstructor
public class PlanPublication {

    private static final Logger log = LoggerFactory.getLogger(PlanPublication.class);

    private final PlanStore store;
    private final EventProducer producer;
    private final OutboxEvents events;
    /** plan id → since when its latest version could not be sent, and why (cleared by a send that went through). */
    private final Map<String, Failure> failing = new ConcurrentHashMap<>();

    /** A plan's event has not reached the broker since {@code since}; {@code error} is the last refusal. */
    public record Failure(Instant since, String error) {
    }

    /**
     * @return the plan, marked published if the broker acknowledged it. A refusal is logged (at WARN the first time
     * and whenever its reason changes) and shown by health component {@code publication}; the plan stays pending.
     */
    public Plan publish(Plan issued) {
        EventProducer.Acks acks = producer.sendAll(List.of(event(issued)));
        if (acks.all()) {
            store.markPublished(issued.planId(), issued.version());
            if (failing.remove(issued.planId()) != null) {
                log.info("Plan {} version {} published after earlier failures", issued.planId(), issued.issuedVersion());
            }
            return issued.markPublished();
        }
        String error = String.valueOf(acks.firstFailure());
        Failure before = failing.get(issued.planId());
        failing.put(issued.planId(), new Failure(before == null ? Instant.now() : before.since(), error));
        if (before == null || !before.error().equals(error)) {
            log.warn("Plan {} version {} could not be published, it stays pending and is sent again every "
                    + "cascade.publication.retry-interval: {}", issued.planId(), issued.issuedVersion(), error);
        }
        return issued;
    }

    /** The plans whose latest version the broker has not taken, by plan id. */
    public Map<String, Failure> failing() {
        return new TreeMap<>(failing);
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
