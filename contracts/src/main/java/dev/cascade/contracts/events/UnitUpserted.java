package dev.cascade.contracts.events;

import java.util.List;
import java.util.Optional;
import java.time.LocalDate;

/**
 * The whole current state of one administrative or reporting unit: every placement it has had.
 * Keyed by {@link #code()} on a compacted topic, so the latest record is the unit.
 */
public record UnitUpserted(String code, List<UnitPlacement> placements, long version) {

    public UnitUpserted {
        placements = placements == null ? List.of() : List.copyOf(placements);
    }

    public Optional<UnitPlacement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }
}
