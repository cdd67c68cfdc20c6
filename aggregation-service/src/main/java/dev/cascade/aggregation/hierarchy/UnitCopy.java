package dev.cascade.aggregation.hierarchy;

import dev.cascade.contracts.events.UnitPredecessor;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * This service's copy of one unit from {@code cascade.units.v1}: the highest version seen.
 *
 * @param predecessors the units this unit was formed from when its latest placement began (see
 *                     {@link #successorPlacement()}); empty in copies stored before the field existed
 */
@Document(UnitCopy.COLLECTION)
public record UnitCopy(@Id String code, long version, List<Placement> placements,
                       List<UnitPredecessor> predecessors) {

    public static final String COLLECTION = "units";

    public UnitCopy {
        placements = List.copyOf(placements);
        predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
    }

    public Optional<Placement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }

    /** The placement the predecessors formed: the one with the latest {@code validFrom}, if any has a start. */
    public Optional<Placement> successorPlacement() {
        return placements.stream().filter(p -> p.validFrom() != null)
                .max(Comparator.comparing(p -> LocalDate.parse(p.validFrom())));
    }

    /**
     * Whether figures of a period whose hierarchy is that of {@code day} (its cut-off end) can be restated on this
     * unit: it has predecessors and {@code day} is before its successor placement began (for a 2025-07 unit: any day
     * up to 30 June 2025).
     */
    public boolean restatableOn(LocalDate day) {
        return !predecessors.isEmpty() && successorPlacement()
                .map(p -> day.isBefore(LocalDate.parse(p.validFrom()))).orElse(false);
    }
}
