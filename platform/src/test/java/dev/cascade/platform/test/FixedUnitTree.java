package dev.cascade.platform.test;

import dev.cascade.platform.security.UnitHierarchy;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * A unit tree for tests whose access rules need one and whose units do not change: {@code root} at the top, every
 * other unit under its parent in {@code parents}, alike on every day; a unit in neither is unknown.
 */
public final class FixedUnitTree {

    private FixedUnitTree() {
    }

    public static UnitHierarchy of(String root, Map<String, String> parents) {
        return (String unit, LocalDate day) -> root.equals(unit) ? Optional.of(new UnitHierarchy.Place(unit, null))
                : Optional.ofNullable(parents.get(unit)).map(parent -> new UnitHierarchy.Place(unit, parent));
    }
}
