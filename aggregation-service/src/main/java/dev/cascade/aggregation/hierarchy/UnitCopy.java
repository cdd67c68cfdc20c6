package dev.cascade.aggregation.hierarchy;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** This service's copy of one unit from {@code cascade.units.v1}: the highest version seen. */
@Document(UnitCopy.COLLECTION)
public record UnitCopy(@Id String code, long version, List<Placement> placements) {

    public static final String COLLECTION = "units";

    public UnitCopy {
        placements = List.copyOf(placements);
    }

    public Optional<Placement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst();
    }
}
