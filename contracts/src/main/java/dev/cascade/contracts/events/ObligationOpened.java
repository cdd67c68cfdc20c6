package dev.cascade.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A unit owes a report for (programme, period). Keyed by {@link #unitCode()}.
 *
 * @param deadline the last day to report, in Asia/Ho_Chi_Minh
 * @param dueAt    the instant the deadline ends (end of that day in Asia/Ho_Chi_Minh)
 */
public record ObligationOpened(String obligationId, String planId, String programme, String period, String unitCode,
                               UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt, long version) {
}
