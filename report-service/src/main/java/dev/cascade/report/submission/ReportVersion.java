package dev.cascade.report.submission;

import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.TaskProgress;
import dev.cascade.platform.security.Caller;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a report as submitted: 1 for the first submission, n+1 for each revision.
 *
 * @param submittedBy    who submitted it: the subject of their token
 * @param actingUnit     the unit their token is for (the reporting unit itself)
 * @param actingUser     the subject of their token, as {@code submittedBy} (versions written before tokens: what
 *                       {@code X-Cascade-User} said, if anything)
 * @param idempotencyKey the {@code Idempotency-Key} the version was submitted with; {@code null} if none
 */
public record ReportVersion(int version, String submittedBy, Instant submittedAt, List<ReportedValue> values,
                            List<TaskProgress> tasks, List<NarrativeSection> narrative, String actingUnit,
                            String actingUser, String idempotencyKey) {

    public ReportVersion {
        values = values == null ? List.of() : List.copyOf(values);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        narrative = narrative == null ? List.of() : List.copyOf(narrative);
    }

    /** A version from a request that passed {@link SubmissionRules}. */
    static ReportVersion of(int version, SubmissionRequest request, Instant submittedAt, Caller caller,
                            String idempotencyKey) {
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
        return new ReportVersion(version, caller.subject(), submittedAt, values, tasks, narrative,
                caller.unitCode(), caller.subject(), idempotencyKey);
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
