package dev.cascade.aggregation.hierarchy;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.UnitUpserted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Applies {@code cascade.unit.upserted}: keeps the highest version of each unit, with its predecessors; a consumed batch
 * at once.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class UnitIntake {

    private static final Logger log = LoggerFactory.getLogger(UnitIntake.class);

    private final UnitCopies units;

    public void accept(UnitUpserted unit) {
        if (units.keep(unit)) {
            log.debug("unit {} now at version {} ({} predecessors)", unit.code(), unit.version(),
                    unit.predecessors().size());
        }
    }

    /** A consumed batch of units, kept together (one read, one bulk write). */
    public void acceptAll(List<UnitUpserted> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> changed = units.keepAll(batch);
        log.debug("{} of a batch of {} unit versions kept (the others not newer than the stored copies)",
                changed.size(), batch.size());
    }
}
