package dev.cascade.plan.unit;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.platform.security.PlacementHierarchy;
import org.springframework.stereotype.Component;

/**
 * The hierarchy the access rules are checked against: plan-service's own unit register as stored (the imported
 * official units of both hierarchy versions, {@code BGDDT} at the root, and the agencies attached under them). A unit
 * has a place on a day when one of its placements is valid that day; a unit merged away or not yet created has none.
 */
@Component
class StoredUnitHierarchy extends PlacementHierarchy<UnitPlacement> {

    StoredUnitHierarchy(UnitStore store) {
        super((code, day) -> store.find(code).flatMap(stored -> stored.unit().placementOn(day)),
                UnitPlacement::parentCode);
    }
}
