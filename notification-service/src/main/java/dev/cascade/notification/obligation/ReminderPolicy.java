package dev.cascade.notification.obligation;

import dev.cascade.contracts.CascadeTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When an obligation's reminders fall due, and which of them may still be sent.
 *
 * <p>Each reminder is due at {@link #timeOfDay()} in {@link #zone()} on its day (counted from the deadline, see
 * {@link ReminderKind}). At any instant at most one reminder is <em>live</em>: the most recent one that has fallen due,
 * and only for {@link #lateGrace()} after its due time. Older due reminders are never sent: a unit that hears nothing
 * for a while (the obligation opened late, the mail server was down) gets the one reminder that is current, never a
 * burst of stale ones. The same rule decides the schedule of an obligation opened late
 * ({@link #schedule(LocalDate, boolean, Instant)}) and what the dispatcher may still send ({@link #refresh(List, Instant)}).
 *
 * <p>The defaults are 7, 3 and 1 day(s) before the deadline, the deadline day, 1 day overdue, and an escalation to
 * the parent unit 3 days overdue, at 08:00 Asia/Ho_Chi_Minh, with 24 hours' grace. A programme or a level may later
 * carry its own policy.
 */
public record ReminderPolicy(List<ReminderKind> kinds, LocalTime timeOfDay, ZoneId zone, Duration lateGrace) {

    public static final LocalTime DEFAULT_TIME_OF_DAY = LocalTime.of(8, 0);
    public static final Duration DEFAULT_LATE_GRACE = Duration.ofHours(24);

    public ReminderPolicy {
        kinds = List.copyOf(kinds);
        Objects.requireNonNull(timeOfDay, "timeOfDay");
        Objects.requireNonNull(zone, "zone");
        if (lateGrace == null || lateGrace.isNegative() || lateGrace.isZero()) {
            throw new IllegalArgumentException("lateGrace must be positive: " + lateGrace);
        }
    }

    /** Every reminder kind, at 08:00 Asia/Ho_Chi_Minh, with 24 hours' grace. */
    public static ReminderPolicy defaults() {
        return new ReminderPolicy(List.of(ReminderKind.values()), DEFAULT_TIME_OF_DAY, CascadeTime.ZONE,
                DEFAULT_LATE_GRACE);
    }

    /**
     * The day at an instant as reminders and digests count days: the day whose {@link #timeOfDay()} (in
     * {@link #zone()}) is the latest one not after it (08:00 to 08:00 by default).
     */
    public LocalDate dayAt(Instant now) {
        return LocalDate.ofInstant(now.minusSeconds(timeOfDay.toSecondOfDay()), zone);
    }

    /** The instant a reminder of this kind falls due for a deadline. */
    public Instant dueAt(ReminderKind kind, LocalDate deadline) {
        return deadline.plusDays(kind.daysAfterDeadline()).atTime(timeOfDay).atZone(zone).toInstant();
    }

    /**
     * The schedule of an obligation opened at {@code openedAt}: every reminder still to come, plus the most recent
     * one already due if it is less than {@link #lateGrace()} old; reminders for the parent unit only when there is
     * one.
     */
    public List<Reminder> schedule(LocalDate deadline, boolean hasParent, Instant openedAt) {
        List<Reminder> all = kinds.stream()
                .filter(kind -> hasParent || kind.audience() != ReminderKind.Audience.PARENT)
                .map(kind -> new Reminder(kind, dueAt(kind, deadline), ReminderState.PENDING))
                .sorted(Comparator.comparing(Reminder::dueAt))
                .toList();
        return refresh(all, openedAt).stream().filter(Reminder::pending).toList();
    }

    /**
     * The reminders with those whose window has closed by {@code now} turned from PENDING to EXPIRED: every due
     * reminder but the most recent, and that one too once it is {@link #lateGrace()} old.
     */
    public List<Reminder> refresh(List<Reminder> reminders, Instant now) {
        Optional<Reminder> latestDue = latestDue(reminders, now);
        List<Reminder> refreshed = new ArrayList<>(reminders.size());
        for (Reminder reminder : reminders) {
            boolean windowClosed = !reminder.dueAt().isAfter(now)
                    && (latestDue.get() != reminder || !now.isBefore(reminder.dueAt().plus(lateGrace)));
            refreshed.add(reminder.pending() && windowClosed ? reminder.withState(ReminderState.EXPIRED) : reminder);
        }
        return List.copyOf(refreshed);
    }

    /** The reminder that may be sent at {@code now}, if it has not been sent yet. */
    public Optional<Reminder> live(List<Reminder> reminders, Instant now) {
        return latestDue(reminders, now)
                .filter(Reminder::pending)
                .filter(reminder -> now.isBefore(reminder.dueAt().plus(lateGrace)));
    }

    private static Optional<Reminder> latestDue(List<Reminder> reminders, Instant now) {
        return reminders.stream()
                .filter(reminder -> !reminder.dueAt().isAfter(now))
                .max(Comparator.comparing(Reminder::dueAt));
    }
}
