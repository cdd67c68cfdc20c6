package dev.cascade.report.submission;

import java.time.Instant;

/**
 * The parent unit's decision on one version of a child's report.
 *
 * @param reason why it was returned; {@code null} when accepted
 */
public record Review(int version, ReportStatus decision, String reviewerUnitCode, String reviewedBy,
                     Instant reviewedAt, String reason) {
}
