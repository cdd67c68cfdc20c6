package dev.cascade.platform.security;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link UnitHierarchy} over the service's own copy of the units: a unit's place on a day is its placement valid
 * that day, under that placement's parent. A unit not copied (yet), or without a placement valid that day (not yet
 * created, or merged away), has no place; nor has a {@code null} code or day.
 *
 * @param <P> the placement as the copy keeps it
 */
public class PlacementHierarchy<P> implements UnitHierarchy {

    private final BiFunction<String, LocalDate, Optional<P>> placementOn;
    private final Function<P, String> parentOf;

    /**
     * @param placementOn the copy's placement of a unit valid on a day, empty for none
     * @param parentOf    a placement's parent code, {@code null} for the root
     */
    public PlacementHierarchy(BiFunction<String, LocalDate, Optional<P>> placementOn, Function<P, String> parentOf) {
        this.placementOn = placementOn;
        this.parentOf = parentOf;
    }

    @Override
    public final Optional<Place> placeOn(String unitCode, LocalDate day) {
        if (unitCode == null || day == null) {
            return Optional.empty();
        }
        return placementOn.apply(unitCode, day).map(placement -> new Place(unitCode, parentOf.apply(placement)));
    }
}
