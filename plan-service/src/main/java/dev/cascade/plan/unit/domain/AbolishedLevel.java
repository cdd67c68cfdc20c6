package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;

import java.io.Reader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole level of the administrative ladder abolished on a day, e.g. the district level on 1 July 2025 (two-level
 * local government): its units end the day before and the units of {@code functionsToLevel} above them take over
 * their functions. One row of {@code units/abolished-levels.csv}
 * ({@code level,abolished_on,functions_to_level,basis}).
 *
 * @param basis the legal basis in words
 */
public record AbolishedLevel(UnitLevel level, LocalDate abolishedOn, UnitLevel functionsToLevel, String basis) {

    public static final String SOURCE = "units/abolished-levels.csv";

    public AbolishedLevel {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(abolishedOn, "abolishedOn");
        Objects.requireNonNull(functionsToLevel, "functionsToLevel");
        if (level == UnitLevel.AGENCY || functionsToLevel == UnitLevel.AGENCY || level == functionsToLevel) {
            throw new IllegalArgumentException("an abolished level and the level taking over its functions are two"
                    + " territorial levels: " + level + ", " + functionsToLevel);
        }
    }

    /** The last day the level's units existed. */
    public LocalDate lastDay() {
        return abolishedOn.minusDays(1);
    }

    public static List<AbolishedLevel> read(Reader csv) {
        return CsvTable.read(csv).rows().stream().map(AbolishedLevel::of).toList();
    }

    private static AbolishedLevel of(Map<String, String> row) {
        String basis = CsvTable.column(row, "basis").trim();
        return new AbolishedLevel(UnitLevel.valueOf(CsvTable.column(row, "level").trim()),
                LocalDate.parse(CsvTable.column(row, "abolished_on").trim()),
                UnitLevel.valueOf(CsvTable.column(row, "functions_to_level").trim()), basis.isEmpty() ? null : basis);
    }
}
