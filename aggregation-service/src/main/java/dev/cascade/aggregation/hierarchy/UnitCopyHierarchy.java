package dev.cascade.aggregation.hierarchy;

import dev.cascade.platform.security.UnitHierarchy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The hierarchy the platform's access rules check against: this service's copy of the units
 * ({@code cascade.units.v1}), each unit placed as its placement valid on the day says. Empty for a unit not known
 * here, and for a day the unit had no placement (not yet created, or merged away in the 2025 reform).
 */
@Component
class UnitCopyHierarchy implements UnitHierarchy {

    private final UnitCopies units;

    UnitCopyHierarchy(UnitCopies units) {
        this.units = units;
    }

    @Override
    public Optional<Place> placeOn(String unitCode, LocalDate day) {
        if (unitCode == null || day == null) {
            return Optional.empty();
        }
        return units.find(unitCode).flatMap(unit -> unit.placementOn(day))
                .map(placement -> new Place(unitCode, placement.parentCode()));
    }
}
