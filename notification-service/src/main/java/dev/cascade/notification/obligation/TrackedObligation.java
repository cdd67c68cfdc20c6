package dev.cascade.notification.obligation;

import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A report a unit owes, as this service tracks it: the obligation from {@code cascade.obligations.v1} with its
 * reminder schedule. One document per obligation; every change to it is one replace guarded by {@link #revision()}.
 *
 * @param version        the obligation's own version from its events (newer events win)
 * @param fulfilled      the report has arrived: nothing more is sent
 * @param nextReminderAt the earliest pending reminder, {@code null} when none (derived, stored for the dispatcher's query)
 * @param revision       this document's revision, for optimistic concurrency between consumers and dispatchers
 * @param closed         closed without a report ({@code cascade.obligation.closed}): no longer owed, nothing more is
 *                       sent and it is not counted in digests (false in a document written before closures existed)
 * @param closureReason  why it was closed, {@code null} unless closed
 * @param firstDeadline  the deadline it had when this service first saw it; a reminder for another deadline (moved
 *                       by an amendment) is a delivery of its own ({@link #deadlineMoved()}); {@code null} in a
 *                       document written before deadlines could move: the current deadline then
 * @param replaces       the units it owes the report in place of (the 2025 reform), named in its reminders
 * @param partialSuccession it replaces only a part of one of them (a partial merge)
 */
public record TrackedObligation(String id, String planId, String programme, String period, String unitCode,
                                UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt,
                                long version, ObligationStatus status, boolean fulfilled, Instant fulfilledAt,
                                String reportId, List<Reminder> reminders, Instant nextReminderAt, long revision,
                                boolean closed, Instant closedAt, ClosureReason closureReason,
                                LocalDate firstDeadline, List<String> replaces, boolean partialSuccession) {

    public TrackedObligation {
        Objects.requireNonNull(id, "id");
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
        nextReminderAt = fulfilled || closed ? null : reminders.stream().filter(Reminder::pending)
                .map(Reminder::dueAt).min(Comparator.naturalOrder()).orElse(null);
    }

    /** An obligation a unit owes for itself, never closed, as before closures and moved deadlines existed. */
    public TrackedObligation(String id, String planId, String programme, String period, String unitCode,
                             UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt, long version,
                             ObligationStatus status, boolean fulfilled, Instant fulfilledAt, String reportId,
                             List<Reminder> reminders, Instant nextReminderAt, long revision) {
        this(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt, version, status, fulfilled,
                fulfilledAt, reportId, reminders, nextReminderAt, revision, false, null, null, deadline, List.of(),
                false);
    }

    /** A newly opened obligation with its schedule. */
    public static TrackedObligation opened(ObligationOpened event, List<Reminder> schedule, long revision) {
        return new TrackedObligation(event.obligationId(), event.planId(), event.programme(), event.period(),
                event.unitCode(), event.level(), event.parentCode(), event.deadline(), event.dueAt(), event.version(),
                ObligationStatus.OPEN, false, null, null, schedule, null, revision, false, null, null,
                event.deadline(), event.replaces(), event.partialSuccession());
    }

    /** An obligation known only from its fulfilment (its opening has not been seen): nothing to remind. */
    public static TrackedObligation fulfilledUnseen(ObligationFulfilled event) {
        return new TrackedObligation(event.obligationId(), null, event.programme(), event.period(), event.unitCode(),
                null, null, null, null, event.version(), event.status(), true, event.fulfilledAt(),
                event.reportId(), List.of(), null, 0);
    }

    /** An obligation known only from its closure (its opening has not been seen): nothing to remind, not counted. */
    public static TrackedObligation closedUnseen(ObligationClosed event) {
        return new TrackedObligation(event.obligationId(), event.planId(), event.programme(), event.period(),
                event.unitCode(), null, event.parentCode(), null, null, event.version(), ObligationStatus.CLOSED,
                false, null, null, List.of(), null, 0, true, event.closedAt(), event.reason(), null, List.of(), false);
    }

    /**
     * An obligation owed (again) whose opening has not been seen, from its reopening or rescheduling: level, plan
     * and successions unknown (the programme's fallback policy applies).
     */
    public static TrackedObligation owedUnseen(String id, String programme, String period, String unitCode,
                                               String parentCode, LocalDate deadline, Instant dueAt,
                                               ObligationStatus status, long version, List<Reminder> schedule) {
        return new TrackedObligation(id, null, programme, period, unitCode, null, parentCode, deadline, dueAt,
                version, status, false, null, null, schedule, null, 0, false, null, null, deadline, List.of(), false);
    }

    /** Whether a report is still owed: neither fulfilled nor closed. */
    public boolean owed() {
        return !fulfilled && !closed;
    }

    /**
     * The deadline that tells this obligation's reminders apart from those of its first deadline in the delivery
     * log: {@code null} while the deadline is the first one, the current deadline once an amendment moved it.
     */
    public LocalDate deadlineMoved() {
        return deadline == null || firstDeadline == null || deadline.equals(firstDeadline) ? null : deadline;
    }

    /** The report arrived: marked fulfilled, every pending reminder cancelled. */
    public TrackedObligation fulfil(ObligationFulfilled event) {
        List<Reminder> cancelled = cancelPending();
        ObligationStatus newStatus = event.status() != null && event.status().fulfilled()
                ? event.status() : ObligationStatus.FULFILLED_ON_TIME;
        return new TrackedObligation(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                Math.max(version, event.version()), newStatus, true, event.fulfilledAt(), event.reportId(), cancelled,
                null, revision, false, null, null, firstDeadline, replaces, partialSuccession);
    }

    /** Closed without a report: no longer owed, every pending reminder cancelled. */
    public TrackedObligation close(ObligationClosed event) {
        return new TrackedObligation(id, planId == null ? event.planId() : planId, programme, period, unitCode, level,
                parentCode, deadline, dueAt, event.version(), ObligationStatus.CLOSED, false, null, null,
                cancelPending(), null, revision, true, event.closedAt(), event.reason(), firstDeadline, replaces,
                partialSuccession);
    }

    /**
     * Owed again, or owed under a moved deadline: no longer fulfilled or closed, with {@code schedule} (what is left
     * of the reminders for this deadline and what is still to come, see {@code ObligationTracker}).
     */
    public TrackedObligation owedAgain(LocalDate newDeadline, Instant newDueAt, ObligationStatus newStatus,
                                       String newParentCode, long newVersion, List<Reminder> schedule) {
        return new TrackedObligation(id, planId, programme, period, unitCode, level,
                newParentCode == null ? parentCode : newParentCode, newDeadline, newDueAt, newVersion, newStatus,
                false, null, null, schedule, null, revision, false, null, null,
                firstDeadline != null ? firstDeadline : deadline != null ? deadline : newDeadline, replaces,
                partialSuccession);
    }

    private List<Reminder> cancelPending() {
        return reminders.stream().map(r -> r.pending() ? r.withState(ReminderState.CANCELLED) : r).toList();
    }

    public TrackedObligation withReminders(List<Reminder> newReminders) {
        return new TrackedObligation(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                version, status, fulfilled, fulfilledAt, reportId, newReminders, null, revision, closed, closedAt,
                closureReason, firstDeadline, replaces, partialSuccession);
    }

    /** The same reminders with one kind marked SENT. */
    public TrackedObligation withSent(ReminderKind kind) {
        return withReminders(reminders.stream()
                .map(r -> r.kind() == kind && r.pending() ? r.withState(ReminderState.SENT) : r).toList());
    }

    public TrackedObligation withRevision(long newRevision) {
        return new TrackedObligation(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                version, status, fulfilled, fulfilledAt, reportId, reminders, null, newRevision, closed, closedAt,
                closureReason, firstDeadline, replaces, partialSuccession);
    }

    /** The unit whose staff a reminder of this kind is for: the obligation's unit, or its parent for an escalation. */
    public String audienceUnit(ReminderKind kind) {
        return kind.audience() == ReminderKind.Audience.PARENT ? parentCode : unitCode;
    }
}
