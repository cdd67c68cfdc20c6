package dev.cascade.notification.obligation;

import java.time.Instant;
import java.util.Objects;

/**
 * One reminder of an obligation's schedule.
 *
 * @param heldUntil the reminder dispatcher passes this reminder over until then: when it fell due, the unit it is for
 *                  had no contacts. A change of that unit's contacts releases it at once; the hold lapsing makes the
 *                  dispatcher look again in any case. {@code null}: not held.
 */
public record Reminder(ReminderKind kind, Instant dueAt, ReminderState state, Instant heldUntil) {

    public Reminder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(state, "state");
        if (state != ReminderState.PENDING) {
            heldUntil = null; // only a reminder that may still be sent waits for anything
        }
    }

    /** A reminder not held. */
    public Reminder(ReminderKind kind, Instant dueAt, ReminderState state) {
        this(kind, dueAt, state, null);
    }

    public Reminder withState(ReminderState newState) {
        return new Reminder(kind, dueAt, newState, heldUntil);
    }

    /** The same reminder passed over by the dispatcher until {@code until}. */
    public Reminder heldUntil(Instant until) {
        return new Reminder(kind, dueAt, state, until);
    }

    /** The same reminder, not held. */
    public Reminder released() {
        return heldUntil == null ? this : new Reminder(kind, dueAt, state, null);
    }

    public boolean pending() {
        return state == ReminderState.PENDING;
    }

    /** When the dispatcher looks at it: when it falls due, or when its hold ends if that is later. */
    public Instant readyAt() {
        return heldUntil != null && heldUntil.isAfter(dueAt) ? heldUntil : dueAt;
    }
}
