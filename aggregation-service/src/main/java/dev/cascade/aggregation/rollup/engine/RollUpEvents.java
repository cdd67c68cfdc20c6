package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of a roll-up's change: {@code cascade.aggregate.updated} on {@code cascade.aggregates.v1} (key
 * {@code programme|period|unit}) and, unless the unit is the root, {@code cascade.rollup.contributed} on
 * {@code cascade.rollup.v1} (key = the parent's code). Serialized once, when the change is saved.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RollUpEvents {

    private final OutboxEvents events;

    public List<OutboxEvent> of(RollUpDocument rollUp) {
        String key = rollUp.key().toString();
        List<OutboxEvent> pending = new ArrayList<>(2);
        pending.add(events.composeUnique(EventTypes.AGGREGATE_UPDATED, Topics.AGGREGATES, key, key, rollUp.asOf(),
                rollUp.aggregateUpdated()));
        if (rollUp.parentCode() != null) {
            pending.add(events.composeUnique(EventTypes.ROLLUP_CONTRIBUTED, Topics.ROLLUP, rollUp.parentCode(), key,
                    rollUp.asOf(), rollUp.rollupContributed()));
        }
        return pending;
    }
}
