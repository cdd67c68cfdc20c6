package dev.cascade.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fulfilled obligation is owed again: the report that fulfilled it was withdrawn. Reminders resume. Keyed by
 * {@link #unitCode()}.
 *
 * @param withdrawnReportId the report whose withdrawal reopened it
 * @param status            {@code OPEN}, or {@code OVERDUE} when its deadline has already passed
 */
public record ObligationReopened(String obligationId, String programme, String period, String unitCode,
                                 String parentCode, String withdrawnReportId, ObligationStatus status,
                                 LocalDate deadline, Instant dueAt, Instant reopenedAt, long version) {
}
