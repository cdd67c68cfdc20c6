package dev.cascade.aggregation.hierarchy;

import dev.cascade.platform.security.PlacementHierarchy;
import org.springframework.stereotype.Component;

/**
 * The hierarchy the platform's access rules check against: this service's copy of the units
 * ({@code cascade.units.v1}), each unit placed as its placement valid on the day says. Empty for a unit not known
 * here, and for a day the unit had no placement (not yet created, or merged away in the 2025 reform).
 */
@Component
class UnitCopyHierarchy extends PlacementHierarchy<Placement> {

    UnitCopyHierarchy(UnitCopies units) {
        super((code, day) -> units.find(code).flatMap(unit -> unit.placementOn(day)), Placement::parentCode);
    }
}
