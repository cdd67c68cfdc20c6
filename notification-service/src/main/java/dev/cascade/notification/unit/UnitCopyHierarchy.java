package dev.cascade.notification.unit;

import dev.cascade.platform.security.UnitHierarchy;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The units as this service holds them ({@link UnitDirectory}, from {@code cascade.units.v1}) for the access rules:
 * a unit is placed on a day only by a placement valid that day; a unit merged away (its last placement ended) or not
 * yet created has no place, and neither has a unit this copy has not received.
 */
@Component
public class UnitCopyHierarchy implements UnitHierarchy {

    private final UnitDirectory units;

    public UnitCopyHierarchy(UnitDirectory units) {
        this.units = units;
    }

    @Override
    public Optional<Place> placeOn(String unitCode, LocalDate day) {
        return units.find(unitCode).flatMap(unit -> unit.placements().stream().filter(p -> p.validOn(day))
                .findFirst().map(p -> new Place(unitCode, p.parentCode())));
    }
}
