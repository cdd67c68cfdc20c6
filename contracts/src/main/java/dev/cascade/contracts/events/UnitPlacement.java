package dev.cascade.contracts.events;

import java.time.LocalDate;

/**
 * Where a unit sits in one hierarchy version, e.g. {@code 2025-03} (four levels, until 30 June 2025)
 * or {@code 2025-07} (three levels, from 1 July 2025).
 *
 * @param validFrom first day of validity; {@code null} when the placement has no known start (the pre-reform ladder)
 * @param validTo last day of validity, inclusive; {@code null} while still valid
 * @param parentCode {@code null} for the root
 */
public record UnitPlacement(String hierarchy, LocalDate validFrom, LocalDate validTo, String name, String type,
                            UnitLevel level, String parentCode) {

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}
