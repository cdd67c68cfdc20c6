package dev.cascade.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An amendment of the plan moved the deadline of an obligation still owed. Reminders follow the new deadline. Keyed
 * by {@link #unitCode()}.
 *
 * @param status {@code OPEN}, or {@code OVERDUE} when the new deadline has already passed (an overdue obligation
 *               whose deadline moved past now is {@code OPEN} again)
 */
public record ObligationRescheduled(String obligationId, String programme, String period, String unitCode,
                                    String parentCode, LocalDate previousDeadline, LocalDate deadline, Instant dueAt,
                                    ObligationStatus status, Instant rescheduledAt, long version) {
}
