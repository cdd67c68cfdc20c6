package dev.cascade.plan.unit;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.plan.messaging.EventPublisher;
import dev.cascade.plan.messaging.OutgoingEvent;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes every stored unit whose current version is not yet on {@code cascade.units.v1} ({@code UnitUpserted},
 * key and subject = unit code), and marks it published once the broker has acknowledged it. Units left unpublished
 * (broker away) go out on the next call.
 */
@Component
public class UnitPublication {

    private static final int BATCH = 2000;

    private final UnitStore store;
    private final EventPublisher publisher;

    public UnitPublication(UnitStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    /** @return how many units were published */
    public synchronized int publishPending() {
        List<StoredUnit> pending = store.unpublished();
        int published = 0;
        for (int i = 0; i < pending.size(); i += BATCH) {
            List<StoredUnit> batch = pending.subList(i, Math.min(pending.size(), i + BATCH));
            List<Boolean> acknowledged = publisher.publishAll(batch.stream().map(UnitPublication::event).toList());
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
    public static OutgoingEvent event(StoredUnit unit) {
        return new OutgoingEvent(Topics.UNITS, EventTypes.UNIT_UPSERTED, "unit-" + unit.code() + "-v" + unit.version(),
                unit.code(), unit.code(), unit.updatedAt(), unit.unit().toEvent(unit.version()));
    }
}
