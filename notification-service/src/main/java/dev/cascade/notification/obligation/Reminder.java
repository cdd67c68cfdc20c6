package dev.cascade.notification.obligation;

import java.time.Instant;
import java.util.Objects;

/** One reminder of an obligation's schedule. */
public record Reminder(ReminderKind kind, Instant dueAt, ReminderState state) {

    public Reminder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(state, "state");
    }

    public Reminder withState(ReminderState newState) {
        return new Reminder(kind, dueAt, newState);
    }

    public boolean pending() {
        return state == ReminderState.PENDING;
    }
}
