package dev.cascade.aggregation.hierarchy;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.UnitUpserted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies {@code cascade.unit.upserted}: keeps the highest version of each unit, with its predecessors. */
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
}
