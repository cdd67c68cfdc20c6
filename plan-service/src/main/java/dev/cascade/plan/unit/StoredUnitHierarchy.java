package dev.cascade.plan.unit;

import dev.cascade.platform.security.UnitHierarchy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The hierarchy the access rules are checked against: plan-service's own unit register as stored (the imported
 * official units of both hierarchy versions, {@code BGDDT} at the root, and the agencies attached under them). A unit
 * has a place on a day when one of its placements is valid that day; a unit merged away or not yet created has none.
 */
@Component
class StoredUnitHierarchy implements UnitHierarchy {

    private final UnitStore store;

    StoredUnitHierarchy(UnitStore store) {
        this.store = store;
    }

    @Override
    public Optional<Place> placeOn(String unitCode, LocalDate day) {
        if (unitCode == null || day == null) {
            return Optional.empty();
        }
        return store.find(unitCode).flatMap(stored -> stored.unit().placementOn(day))
                .map(placement -> new Place(unitCode, placement.parentCode()));
    }
}
