package dev.cascade.aggregation.hierarchy;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;

import java.time.LocalDate;

/**
 * A unit's place in one hierarchy version, as kept in this service's copy of the units (days as ISO strings, so
 * that the store never shifts them by a time zone).
 */
public record Placement(String hierarchy, String validFrom, String validTo, String name, UnitLevel level,
                        String parentCode) {

    static Placement of(UnitPlacement p) {
        return new Placement(p.hierarchy(), p.validFrom() == null ? null : p.validFrom().toString(),
                p.validTo() == null ? null : p.validTo().toString(), p.name(), p.level(), p.parentCode());
    }

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(LocalDate.parse(validFrom)))
                && (validTo == null || !day.isAfter(LocalDate.parse(validTo)));
    }
}
