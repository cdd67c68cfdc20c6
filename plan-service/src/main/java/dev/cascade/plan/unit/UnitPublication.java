package dev.cascade.plan.unit;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes every stored unit whose current version is not yet on {@code cascade.units.v1} ({@code UnitUpserted},
 * key and subject = unit code), and marks it published once the broker has acknowledged it. Units left unpublished
 * (broker away) go out on the next call.
 */
@Component
@RequiredArgsConstructor
public class UnitPublication {

    private static final int BATCH = 2000;

    private final UnitStore store;
    private final EventProducer producer;
    private final OutboxEvents events;

    /** @return how many units were published */
    public synchronized int publishPending() {
        List<StoredUnit> pending = store.unpublished();
        int published = 0;
        for (int i = 0; i < pending.size(); i += BATCH) {
            List<StoredUnit> batch = pending.subList(i, Math.min(pending.size(), i + BATCH));
            List<Boolean> acknowledged = producer.sendAll(batch.stream().map(this::event).toList()).acknowledged();
            List<StoredUnit> done = new ArrayList<>();
            for (int j = 0; j < batch.size(); j++) {
                if (acknowledged.get(j)) {
                    done.add(batch.get(j));
                }
            }
            store.markPublished(done);
            published += done.size();
            if (done.size() < batch.size()) {
                break;
            }
        }
        return published;
    }

    /** The {@code UnitUpserted} event of a stored unit version. */
    public OutboxEvent event(StoredUnit unit) {
        return events.composeWithId("unit-" + unit.code() + "-v" + unit.version(), EventTypes.UNIT_UPSERTED,
                Topics.UNITS, unit.code(), unit.code(), unit.updatedAt(), unit.unit().toEvent(unit.version()));
    }
}
