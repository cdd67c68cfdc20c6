package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPredecessor;

import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * One row of the 2025 merge mapping: the 2025-07 unit {@code newCode} took over the 2025-03 unit {@code oldCode},
 * whole ({@code full}) or in part ({@code partial}).
 */
public record UnitMerge(String newCode, UnitLevel newLevel, String oldCode, String oldName, boolean partial) {

    /** The old unit as a predecessor of the new one. */
    public UnitPredecessor predecessor() {
        return new UnitPredecessor(oldCode, partial ? PredecessorKind.PARTIAL : PredecessorKind.FULL);
    }

    public static List<UnitMerge> read(Reader csv) {
        return CsvTable.read(csv).rows().stream().map(UnitMerge::of).toList();
    }

    private static UnitMerge of(Map<String, String> row) {
        String kind = CsvTable.column(row, "kind").trim();
        if (!kind.equals("full") && !kind.equals("partial")) {
            throw new IllegalArgumentException("merge kind must be full or partial: " + row);
        }
        return new UnitMerge(CsvTable.column(row, "new_code").trim(),
                UnitLevel.valueOf(CsvTable.column(row, "new_level").trim()), CsvTable.column(row, "old_code").trim(),
                CsvTable.column(row, "old_name").trim(), kind.equals("partial"));
    }
}
