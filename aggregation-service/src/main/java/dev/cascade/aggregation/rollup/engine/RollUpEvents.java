package dev.cascade.aggregation.rollup.engine;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The events of a roll-up's change: {@code cascade.aggregate.updated} on {@code cascade.aggregates.v1} (key
 * {@code programme|period|unit}) and, unless the unit is the root, {@code cascade.rollup.contributed} on
 * {@code cascade.rollup.v1} (key = the parent's code). Serialized here, once, with the service's JSON mapper.
 */
@Component
public class RollUpEvents {

    private final JsonMapper json;

    RollUpEvents(JsonMapper json) {
        this.json = json;
    }

    public List<PendingEvent> of(RollUpDocument rollUp) {
        String key = rollUp.key().toString();
        List<PendingEvent> events = new ArrayList<>(2);
        events.add(new PendingEvent(UUID.randomUUID().toString(), EventTypes.AGGREGATE_UPDATED, Topics.AGGREGATES, key, key,
                rollUp.asOf(), json.writeValueAsString(rollUp.aggregateUpdated())));
        if (rollUp.parentCode() != null) {
            events.add(new PendingEvent(UUID.randomUUID().toString(), EventTypes.ROLLUP_CONTRIBUTED, Topics.ROLLUP, rollUp.parentCode(),
                    key, rollUp.asOf(), json.writeValueAsString(rollUp.rollupContributed())));
        }
        return events;
    }
}
