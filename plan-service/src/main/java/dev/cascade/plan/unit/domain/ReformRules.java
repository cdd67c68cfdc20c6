package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;

import java.io.Reader;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the reforms of the administrative ladder say beyond the unit lists and the merge mapping, as bundled data: the
 * levels abolished ({@code units/abolished-levels.csv}) and the legal basis of the merges into units of each level
 * ({@code units/merge-bases-2025-07.csv}, {@code new_level,basis}).
 */
public record ReformRules(List<AbolishedLevel> abolishedLevels, Map<UnitLevel, String> mergeBases) {

    public static final String MERGE_BASES_SOURCE = "units/merge-bases-2025-07.csv";

    public ReformRules {
        abolishedLevels = List.copyOf(abolishedLevels);
        mergeBases = Map.copyOf(mergeBases);
    }

    /** The rules bundled on the classpath. */
    public static ReformRules load() {
        return new ReformRules(UnitRegister.readResource(AbolishedLevel.SOURCE, AbolishedLevel::read),
                UnitRegister.readResource(MERGE_BASES_SOURCE, ReformRules::mergeBases));
    }

    /** The legal basis of a merge into a unit of {@code level}, or {@code null} when the data has none. */
    public String mergeBasis(UnitLevel level) {
        return level == null ? null : mergeBases.get(level);
    }

    static Map<UnitLevel, String> mergeBases(Reader csv) {
        Map<UnitLevel, String> bases = new EnumMap<>(UnitLevel.class);
        for (Map<String, String> row : CsvTable.read(csv).rows()) {
            UnitLevel level = UnitLevel.valueOf(CsvTable.column(row, "new_level").trim());
            if (bases.put(level, CsvTable.column(row, "basis").trim()) != null) {
                throw new IllegalArgumentException("merge basis of level " + level + " listed twice");
            }
        }
        return bases;
    }
}
