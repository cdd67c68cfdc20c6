package dev.cascade.notification.unit;

import dev.cascade.contracts.events.UnitPlacement;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** This service's copy of one unit from {@code cascade.units.v1}: its names and parents in every hierarchy version. */
@Document("units")
public record UnitCopy(@Id String code, List<UnitPlacement> placements, long version) {

    public UnitCopy {
        placements = placements == null ? List.of() : List.copyOf(placements);
    }

    /** The placement valid on a day, else the most recent one. */
    public Optional<UnitPlacement> placementOn(LocalDate day) {
        return placements.stream().filter(p -> p.validOn(day)).findFirst()
                .or(() -> placements.stream().max(Comparator.comparing(
                        (UnitPlacement p) -> p.validFrom() == null ? LocalDate.MIN : p.validFrom())));
    }

    /** The unit's name on a day, e.g. {@code Thị trấn Thanh Hà}; the code when no placement is known. */
    public String nameOn(LocalDate day) {
        return placementOn(day).map(UnitPlacement::name).orElse(code);
    }
}
