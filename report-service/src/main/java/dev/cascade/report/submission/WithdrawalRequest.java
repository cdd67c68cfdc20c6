package dev.cascade.report.submission;

/**
 * The body of {@code POST /reports/{id}/withdrawal} (optional).
 *
 * @param withdrawnBy not accepted (refused with 422 when present): the person recorded is the token's subject
 * @param reason      why the report is withdrawn, recorded on the report, its event and the audit trail
 */
public record WithdrawalRequest(String withdrawnBy, String reason) {
}
