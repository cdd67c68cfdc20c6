package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitPlacement;

import java.time.LocalDate;

/**
 * A version of the administrative ladder and the days it is valid on (inclusive; {@code null} = open-ended).
 *
 * @param source classpath resource of its unit list
 */
public record Hierarchy(String id, LocalDate validFrom, LocalDate validTo, String source) {

    /** The four-level ladder (commune, district, province, ministry) of the list of 1 March 2025, until 30 June 2025. */
    public static final Hierarchy FOUR_LEVEL_2025_03 =
            new Hierarchy("2025-03", null, LocalDate.of(2025, 6, 30), "units/admin-units-2025-03.csv");

    /** The three-level ladder (commune, province, ministry) from 1 July 2025 (QĐ 19/2025/QĐ-TTg). */
    public static final Hierarchy THREE_LEVEL_2025_07 =
            new Hierarchy("2025-07", LocalDate.of(2025, 7, 1), null, "units/admin-units-2025-07.csv");

    /** The merges that turned the 2025-03 units into the 2025-07 ones. */
    public static final String MERGES_SOURCE = "units/admin-merges-2025-07.csv";

    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    /** A unit's placement in this hierarchy. */
    public UnitPlacement place(UnitListEntry entry) {
        return new UnitPlacement(id, validFrom, validTo, entry.name(), entry.type(), entry.level(), entry.parentCode());
    }
}
