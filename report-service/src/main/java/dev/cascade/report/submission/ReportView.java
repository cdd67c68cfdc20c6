package dev.cascade.report.submission;

import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.TaskProgress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/{id}}: the latest version at the top level ("as corrected"), every submitted version (oldest
 * first, each "as submitted") in {@code versions}, the review status, the parent's reviews and any withdrawal.
 * {@code version} is the latest submitted version; a withdrawal's number is in {@code withdrawals}.
 */
public record ReportView(String reportId, String unitCode, String parentCode, String programme, String period,
                         String planId, String obligationId, boolean late, Instant firstSubmittedAt, int version,
                         String submittedBy, Instant submittedAt, Map<String, IndicatorValue> values,
                         List<TaskProgress> tasks, Map<String, String> narrative, List<Version> versions,
                         ReportStatus status, List<Review> reviews, List<Withdrawal> withdrawals) {

    /** One version of the report. */
    public record Version(int version, String submittedBy, Instant submittedAt, Map<String, IndicatorValue> values,
                          List<TaskProgress> tasks, Map<String, String> narrative, String actingUnit,
                          String actingUser) {

        static Version of(ReportVersion v) {
            return new Version(v.version(), v.submittedBy(), v.submittedAt(), v.valuesByIndicator(), v.tasks(),
                    v.narrativeBySection(), v.actingUnit(), v.actingUser());
        }
    }

    static ReportView of(Report report) {
        ReportVersion latest = report.latest();
        return new ReportView(report.id(), report.unitCode(), report.parentCode(), report.programme(),
                report.period(), report.planId(), report.obligationId(), report.late(), report.firstSubmittedAt(),
                latest.version(), latest.submittedBy(), latest.submittedAt(), latest.valuesByIndicator(),
                latest.tasks(), latest.narrativeBySection(), report.versions().stream().map(Version::of).toList(),
                report.status(), report.reviews(), report.withdrawals());
    }
}
