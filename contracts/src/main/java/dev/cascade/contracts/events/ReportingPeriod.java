package dev.cascade.contracts.events;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One period of a programme, e.g. {@code 2024} for an annual programme: its data cut-off window
 * (inclusive days) and the deadline of each level, already shifted to a working day.
 */
public record ReportingPeriod(String id, LocalDate cutOffStart, LocalDate cutOffEnd, Map<UnitLevel, LocalDate> deadlines) {

    public ReportingPeriod {
        deadlines = deadlines == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(deadlines));
    }
}
