package dev.cascade.report.submission;

/**
 * The body of {@code POST /reports/{id}/review}.
 *
 * @param decision   {@code ACCEPT} or {@code RETURN}
 * @param reason     required to return a report
 * @param reviewedBy not accepted (refused with 422 when present): the person recorded is the token's subject
 * @param version    the version reviewed; when given it must be the latest
 */
public record ReviewRequest(String decision, String reason, String reviewedBy, Integer version) {
}
