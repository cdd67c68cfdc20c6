package dev.cascade.notification.unit;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.platform.security.PlacementHierarchy;
import org.springframework.stereotype.Component;

/**
 * The units as this service holds them ({@link UnitDirectory}, from {@code cascade.units.v1}) for the access rules:
 * a unit is placed on a day only by a placement valid that day (not by {@link UnitCopy#placementOn}'s fallback to the
 * latest one); a unit merged away (its last placement ended) or not yet created has no place, and neither has a unit
 * this copy has not received.
 */
@Component
public class UnitCopyHierarchy extends PlacementHierarchy<UnitPlacement> {

    public UnitCopyHierarchy(UnitDirectory units) {
        super((code, day) -> units.find(code).flatMap(unit -> unit.placements().stream()
                .filter(placement -> placement.validOn(day)).findFirst()), UnitPlacement::parentCode);
    }
}
