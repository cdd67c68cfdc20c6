package dev.cascade.report.submission;

import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.TaskProgress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One version of a report as submitted: 1 for the first submission, n+1 for each revision. */
public record ReportVersion(int version, String submittedBy, Instant submittedAt, List<ReportedValue> values,
                            List<TaskProgress> tasks, List<NarrativeSection> narrative) {

    public ReportVersion {
        values = values == null ? List.of() : List.copyOf(values);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        narrative = narrative == null ? List.of() : List.copyOf(narrative);
    }

    /** A version from a request that passed {@link SubmissionRules}. */
    static ReportVersion of(int version, SubmissionRequest request, Instant submittedAt) {
        List<ReportedValue> values = request.values().entrySet().stream()
                .map(e -> new ReportedValue(e.getKey(), e.getValue().value(), e.getValue().numerator(),
                        e.getValue().denominator()))
                .toList();
        List<TaskProgress> tasks = request.tasks() == null ? List.of() : request.tasks().stream()
                .map(t -> new TaskProgress(t.task().strip(), SubmissionRules.taskStatus(t.status()).orElseThrow(),
                        t.text()))
                .toList();
        List<NarrativeSection> narrative = request.narrative() == null ? List.of() : request.narrative().entrySet()
                .stream().map(e -> new NarrativeSection(e.getKey(), e.getValue())).toList();
        return new ReportVersion(version, request.submittedBy().strip(), submittedAt, values, tasks, narrative);
    }

    public Map<String, IndicatorValue> valuesByIndicator() {
        Map<String, IndicatorValue> byIndicator = new LinkedHashMap<>();
        values.forEach(v -> byIndicator.put(v.indicator(), v.toIndicatorValue()));
        return byIndicator;
    }

    public Map<String, String> narrativeBySection() {
        Map<String, String> bySection = new LinkedHashMap<>();
        narrative.forEach(n -> bySection.put(n.section(), n.text()));
        return bySection;
    }
}
