package dev.cascade.report.obligation;

import dev.cascade.contracts.events.ObligationOverdue;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A unit owes a report for (programme, period) by a deadline. Stored as one document together with its own state
 * changes' unsent events (see {@link Obligations}).
 *
 * @param id           {@code programme|period|unit}
 * @param parentCode   the unit's parent on the period's cut-off end; its report goes to that roll-up
 * @param ancestors    every unit above it on that day, nearest first
 * @param dueAt        the end of the deadline day in Asia/Ho_Chi_Minh (exclusive)
 * @param version      grows with every published change: 1 when opened, 2 when fulfilled on time or overdue, 3 when
 *                     fulfilled after being overdue
 * @param overdueSince when the clock passed {@code dueAt} with no report (status {@code OVERDUE})
 */
public record Obligation(String id, String planId, String programme, String period, String unitCode,
                         UnitLevel level, String parentCode, List<String> ancestors, LocalDate deadline,
                         Instant dueAt, ObligationStatus status, String reportId, Instant fulfilledAt,
                         Instant overdueSince, Instant openedAt, long version) {

    public Obligation {
        ancestors = ancestors == null ? List.of() : List.copyOf(ancestors);
    }

    public static String idOf(String programme, String period, String unitCode) {
        return programme + "|" + period + "|" + unitCode;
    }

    /** Whether a report arriving at {@code instant} is late: the deadline day has ended by then. */
    public boolean lateAt(Instant instant) {
        return !instant.isBefore(dueAt);
    }

    /** The status a first report arriving at {@code instant} gives this obligation. */
    public ObligationStatus fulfilmentAt(Instant instant) {
        return lateAt(instant) ? ObligationStatus.FULFILLED_LATE : ObligationStatus.FULFILLED_ON_TIME;
    }

    /** The event of this open obligation falling overdue, noticed at {@code now}: the next version. */
    public ObligationOverdue overdue(Instant now) {
        return new ObligationOverdue(id, programme, period, unitCode, parentCode, deadline, dueAt, now, version + 1);
    }
}
