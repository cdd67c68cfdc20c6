package dev.cascade.notification.obligation;

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
 */
public record TrackedObligation(String id, String planId, String programme, String period, String unitCode,
                                UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt,
                                long version, ObligationStatus status, boolean fulfilled, Instant fulfilledAt,
                                String reportId, List<Reminder> reminders, Instant nextReminderAt, long revision) {

    public TrackedObligation {
        Objects.requireNonNull(id, "id");
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
        nextReminderAt = fulfilled ? null : reminders.stream().filter(Reminder::pending).map(Reminder::dueAt)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /** A newly opened (or re-opened) obligation with its schedule. */
    public static TrackedObligation opened(ObligationOpened event, List<Reminder> schedule, long revision) {
        return new TrackedObligation(event.obligationId(), event.planId(), event.programme(), event.period(),
                event.unitCode(), event.level(), event.parentCode(), event.deadline(), event.dueAt(), event.version(),
                ObligationStatus.OPEN, false, null, null, schedule, null, revision);
    }

    /** An obligation known only from its fulfilment (its opening has not been seen): nothing to remind. */
    public static TrackedObligation fulfilledUnseen(ObligationFulfilled event) {
        return new TrackedObligation(event.obligationId(), null, event.programme(), event.period(), event.unitCode(),
                null, null, null, null, event.version(), event.status(), true, event.fulfilledAt(),
                event.reportId(), List.of(), null, 0);
    }

    /** The report arrived: marked fulfilled, every pending reminder cancelled. */
    public TrackedObligation fulfil(ObligationFulfilled event) {
        List<Reminder> cancelled = reminders.stream()
                .map(r -> r.pending() ? r.withState(ReminderState.CANCELLED) : r).toList();
        ObligationStatus newStatus = event.status() != null && event.status().fulfilled()
                ? event.status() : ObligationStatus.FULFILLED_ON_TIME;
        return new TrackedObligation(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                Math.max(version, event.version()), newStatus, true, event.fulfilledAt(), event.reportId(), cancelled,
                null, revision);
    }

    public TrackedObligation withReminders(List<Reminder> newReminders) {
        return new TrackedObligation(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                version, status, fulfilled, fulfilledAt, reportId, newReminders, null, revision);
    }

    /** The same reminders with one kind marked SENT. */
    public TrackedObligation withSent(ReminderKind kind) {
        return withReminders(reminders.stream()
                .map(r -> r.kind() == kind && r.pending() ? r.withState(ReminderState.SENT) : r).toList());
    }

    public TrackedObligation withRevision(long newRevision) {
        return new TrackedObligation(id, planId, programme, period, unitCode, level, parentCode, deadline, dueAt,
                version, status, fulfilled, fulfilledAt, reportId, reminders, null, newRevision);
    }

    /** The unit whose staff a reminder of this kind is for: the obligation's unit, or its parent for an escalation. */
    public String audienceUnit(ReminderKind kind) {
        return kind.audience() == ReminderKind.Audience.PARENT ? parentCode : unitCode;
    }
}
