package dev.cascade.platform.security;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The units as the service holds them, for the rules of {@link AccessRules}: where a unit sits on a given day. Each
 * service provides one bean over its own copy of the units.
 */
public interface UnitHierarchy {

    /**
     * The unit's place on {@code day}: present when the unit exists that day (its parent {@code null} for the root),
     * empty when it is not known or did not exist that day (not yet created, or merged away).
     */
    Optional<Place> placeOn(String unitCode, LocalDate day);

    /** @param parentCode {@code null} for the root */
    record Place(String unitCode, String parentCode) {
    }
}
