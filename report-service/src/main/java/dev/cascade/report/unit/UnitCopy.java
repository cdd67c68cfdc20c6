package dev.cascade.report.unit;

import dev.cascade.contracts.events.UnitPlacement;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The local copy of a unit from {@code cascade.units.v1}: every placement it has had, and the version copied. */
public record UnitCopy(String id, List<UnitPlacement> placements, long version) {

    public UnitCopy {
        placements = placements == null ? List.of() : List.copyOf(placements);
    }

    public String code() {
        return id;
    }

    /** Where the unit sat on {@code day}: the hierarchy rule of every period is the placement on its cut-off end. */
    public Optional<UnitPlacement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }
}
