package dev.cascade.contracts.events;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.time.LocalDate;

/**
 * The whole current state of one administrative or reporting unit: every placement it has had.
 * Keyed by {@link #code()} on a compacted topic, so the latest record is the unit.
 *
 * @param predecessors the units this unit was formed from when its latest placement began (the placement with the
 *                     latest {@code validFrom}; for the 2025-07 units: the 2025-03 units merged into them on
 *                     1 July 2025). Optional, added within v1: {@code null} or absent in a record reads as empty.
 */
public record UnitUpserted(String code, List<UnitPlacement> placements, long version,
                           List<UnitPredecessor> predecessors) {

    public UnitUpserted {
        placements = placements == null ? List.of() : List.copyOf(placements);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
    }

    /** A unit without predecessors. */
    public UnitUpserted(String code, List<UnitPlacement> placements, long version) {
        this(code, placements, version, List.of());
    }

    public Optional<UnitPlacement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }

    /**
     * The placement the {@link #predecessors()} formed: the one with the latest {@code validFrom}; empty when no
     * placement has a start (a unit that existed before every known reform).
     */
    public Optional<UnitPlacement> successorPlacement() {
        return placements.stream().filter(p -> p.validFrom() != null)
                .max(Comparator.comparing(UnitPlacement::validFrom));
    }
}
