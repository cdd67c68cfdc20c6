package dev.cascade.contracts.events;

import java.util.Objects;

/**
 * A unit that takes over a reporting duty, e.g. Phường Uông Bí (06811) for Phường Thanh Sơn (06811, old) from
 * 1 July 2025.
 *
 * @param partial whether it took over only a part of the unit it replaces (a partial merge): its figures cover a
 *                different area than the unit it replaces, so a comparison across the reform is flagged
 */
public record SuccessorUnit(String unitCode, boolean partial) {

    public SuccessorUnit {
        Objects.requireNonNull(unitCode, "unitCode");
    }
}
