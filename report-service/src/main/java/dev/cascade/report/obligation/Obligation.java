package dev.cascade.report.obligation;

import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationOverdue;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A unit owes a report for (programme, period) by a deadline. Stored as one document together with its own state
 * changes' unsent events (see {@link Obligations}).
 *
 * @param id                {@code programme|period|unit}
 * @param parentCode        the unit's parent on the period's cut-off end; its report goes to that roll-up
 * @param ancestors         every unit above it on that day, nearest first
 * @param dueAt             the end of the deadline day in Asia/Ho_Chi_Minh (exclusive)
 * @param version           grows with every published change: 1 when opened, then + 1 for each change (fulfilled,
 *                          overdue, closed, reopened, rescheduled)
 * @param overdueSince      when the clock passed {@code dueAt} with no report (status {@code OVERDUE})
 * @param replaces          the plan's reporting units this unit owes the report in place of (the 2025 reform: "thay
 *                          cho 06808, 06814 …"); empty when it owes its own
 * @param partialSuccession whether it took over only a part of one of them (a partial merge)
 * @param closedReason      why it is {@code CLOSED}, or {@code null}
 * @param closedAt          when it was closed, or {@code null}
 * @param lastWithdrawal    the report version of the last withdrawal that reopened it ({@code null}: none), so that
 *                          applying a withdrawal again reopens nothing twice
 */
public record Obligation(String id, String planId, String programme, String period, String unitCode,
                         UnitLevel level, String parentCode, List<String> ancestors, LocalDate deadline,
                         Instant dueAt, ObligationStatus status, String reportId, Instant fulfilledAt,
                         Instant overdueSince, Instant openedAt, long version, List<String> replaces,
                         Boolean partialSuccession, ClosureReason closedReason, Instant closedAt,
                         Integer lastWithdrawal) {

    public Obligation {
        ancestors = ancestors == null ? List.of() : List.copyOf(ancestors);
        // absent from obligations stored before successions: their unit owes its own report
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
        partialSuccession = partialSuccession != null && partialSuccession;
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

    /** The status an obligation owed again at {@code now} has: overdue once its deadline day has ended. */
    public ObligationStatus owedStatusAt(Instant now) {
        return lateAt(now) ? ObligationStatus.OVERDUE : ObligationStatus.OPEN;
    }

    /** The event of this obligation being opened (at its current version). */
    public ObligationOpened opened() {
        return new ObligationOpened(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                version, replaces, partialSuccession);
    }

    /** The event of this open obligation falling overdue, noticed at {@code now}: the next version. */
    public ObligationOverdue overdue(Instant now) {
        return new ObligationOverdue(id, programme, period, unitCode, parentCode, deadline, dueAt, now, version + 1);
    }

    /** The event of this owed obligation being closed at {@code now}: the next version. */
    public ObligationClosed closed(ClosureReason reason, Instant now) {
        return new ObligationClosed(id, planId, programme, period, unitCode, parentCode, reason, status, now,
                version + 1);
    }

    /** The event of this fulfilled obligation owed again at {@code now}, its report withdrawn: the next version. */
    public ObligationReopened reopened(String withdrawnReportId, Instant now) {
        return new ObligationReopened(id, programme, period, unitCode, parentCode, withdrawnReportId,
                owedStatusAt(now), deadline, dueAt, now, version + 1);
    }

    /** The event of this owed obligation's deadline moved to {@code newDeadline} at {@code now}: the next version. */
    public ObligationRescheduled rescheduled(LocalDate newDeadline, Instant now) {
        Instant newDueAt = ObligationOpening.dueAt(newDeadline);
        ObligationStatus status = now.isBefore(newDueAt) ? ObligationStatus.OPEN : ObligationStatus.OVERDUE;
        return new ObligationRescheduled(id, programme, period, unitCode, parentCode, deadline, newDeadline, newDueAt,
                status, now, version + 1);
    }
}
