package dev.cascade.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The clock passed an obligation's {@link #dueAt()} before its report arrived. Keyed by {@link #unitCode()}.
 * A report that arrives later fulfils it as {@code FULFILLED_LATE} (a later {@link #version()}).
 *
 * @param overdueSince when the service noticed (at or after {@code dueAt})
 * @param version      grows with every change of the obligation (1 opened, 2 overdue, 3 fulfilled late)
 */
public record ObligationOverdue(String obligationId, String programme, String period, String unitCode,
                                String parentCode, LocalDate deadline, Instant dueAt, Instant overdueSince,
                                long version) {
}
