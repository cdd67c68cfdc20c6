package dev.cascade.contracts.events;

import java.time.Instant;

/**
 * An open or overdue obligation closed without a report: the unit no longer owes it. Reminders stop; the unit no
 * longer counts as missing. Keyed by {@link #unitCode()}.
 *
 * @param previousStatus {@code OPEN} or {@code OVERDUE}
 */
public record ObligationClosed(String obligationId, String planId, String programme, String period, String unitCode,
                               String parentCode, ClosureReason reason, ObligationStatus previousStatus,
                               Instant closedAt, long version) {
}
