package dev.cascade.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A version of a unit's report for (programme, period): the first ({@code cascade.report.submitted}) or a
 * correction ({@code cascade.report.revised}). Keyed by {@link #parentCode()} so that every report feeding
 * one roll-up lands on one partition.
 *
 * @param reportVersion 1 for the first submission, n+1 for each revision; consumers keep the highest
 * @param late          whether the first version arrived after the unit's deadline
 * @param narrative     outline section to text
 */
public record ReportSubmitted(String reportId, int reportVersion, String planId, String programme, String period,
                              String unitCode, String parentCode, String submittedBy, Instant submittedAt,
                              boolean late, Map<String, IndicatorValue> values, List<TaskProgress> tasks,
                              Map<String, String> narrative) {

    public ReportSubmitted {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        narrative = narrative == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(narrative));
    }
}
