package dev.cascade.report.submission;

/**
 * The body of {@code POST /reports/{id}/review}.
 *
 * @param decision   {@code ACCEPT} or {@code RETURN}
 * @param reason     required to return a report
 * @param reviewedBy defaults to {@code X-Cascade-User}
 * @param version    the version reviewed; when given it must be the latest
 */
public record ReviewRequest(String decision, String reason, String reviewedBy, Integer version) {
}
