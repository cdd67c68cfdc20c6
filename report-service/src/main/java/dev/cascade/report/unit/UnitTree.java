package dev.cascade.report.unit;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.platform.security.PlacementHierarchy;
import org.springframework.stereotype.Component;

/**
 * The units as report-service holds them ({@link Units}, copied from {@code cascade.units.v1}), for the platform's
 * access rules: a unit's place on a day is its placement valid that day, whose parent it gives. A unit not copied
 * (yet), or without a placement that day (not yet created, or merged away), has no place.
 */
@Component
public class UnitTree extends PlacementHierarchy<UnitPlacement> {

    public UnitTree(Units units) {
        super((code, day) -> units.find(code).flatMap(unit -> unit.placementOn(day)), UnitPlacement::parentCode);
    }
}
