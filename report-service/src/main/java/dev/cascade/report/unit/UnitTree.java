package dev.cascade.report.unit;

import dev.cascade.platform.security.UnitHierarchy;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The units as report-service holds them ({@link Units}, copied from {@code cascade.units.v1}), for the platform's
 * access rules: a unit's place on a day is its placement valid that day, whose parent it gives. A unit not copied
 * (yet), or without a placement that day (not yet created, or merged away), has no place.
 */
@Component
@RequiredArgsConstructor
public class UnitTree implements UnitHierarchy {

    private final Units units;

    @Override
    public Optional<Place> placeOn(String unitCode, LocalDate day) {
        if (unitCode == null || day == null) {
            return Optional.empty();
        }
        return units.find(unitCode).flatMap(unit -> unit.placementOn(day))
                .map(placement -> new Place(unitCode, placement.parentCode()));
    }
}
