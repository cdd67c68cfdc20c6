package dev.cascade.contracts.events;

import java.time.Instant;

/**
 * The parent unit reviewed one version of a child's report: accepted it ({@code cascade.report.accepted}) or
 * returned it for correction ({@code cascade.report.returned}, with a {@link #reason()}). Keyed by
 * {@link #parentCode()}. A review does not change the figures: a returned report keeps counting until it is
 * corrected (a new version) or withdrawn.
 *
 * @param reportVersion     the version that was reviewed
 * @param reviewerUnitCode  the unit that reviewed it (the report's parent)
 * @param reason            why it was returned; {@code null} when accepted
 */
public record ReportReviewed(String reportId, int reportVersion, String programme, String period, String unitCode,
                             String parentCode, String reviewerUnitCode, String reviewedBy, Instant reviewedAt,
                             String reason) {
}
