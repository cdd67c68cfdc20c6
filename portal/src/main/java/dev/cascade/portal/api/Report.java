package dev.cascade.portal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A report with every version, its reviews and withdrawals ({@code GET /reports/{id}}). */
public record Report(String reportId, String unitCode, String parentCode, String programme, String period,
                     String planId, String obligationId, boolean late, Instant firstSubmittedAt, int version,
                     String submittedBy, Instant submittedAt, Map<String, Value> values, List<TaskProgress> tasks,
                     Map<String, String> narrative, List<Version> versions, String status, List<Review> reviews,
                     List<Withdrawal> withdrawals) {

    /** One submitted version. */
    public record Version(int version, String submittedBy, Instant submittedAt, Map<String, Value> values,
                          List<TaskProgress> tasks, Map<String, String> narrative) {
    }

    /** A reviewer's decision on one version. */
    public record Review(int version, String decision, String reviewerUnitCode, String reviewedBy, Instant reviewedAt,
                         String reason) {
    }

    /** A withdrawal, which takes a version number of its own. */
    public record Withdrawal(int version, String withdrawnBy, String actingUnit, Instant withdrawnAt, String reason) {
    }

    /** The last review, or null. */
    public Review lastReview() {
        return reviews == null || reviews.isEmpty() ? null : reviews.get(reviews.size() - 1);
    }

    /** The version before the latest, or null when there is only one. */
    public Version previousVersion() {
        return versions == null || versions.size() < 2 ? null : versions.get(versions.size() - 2);
    }
}
