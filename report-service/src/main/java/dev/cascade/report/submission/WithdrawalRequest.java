package dev.cascade.report.submission;

/** The body of {@code POST /reports/{id}/withdrawal}; {@code withdrawnBy} defaults to {@code X-Cascade-User}. */
public record WithdrawalRequest(String withdrawnBy, String reason) {
}
