package dev.cascade.notification.obligation;

import dev.cascade.contracts.MutableClock;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationSlices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.cascade.notification.obligation.ReminderKind.ESCALATION_3_DAYS_OVERDUE;
import static dev.cascade.notification.obligation.ReminderKind.OVERDUE_1_DAY;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_1_DAY_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_3_DAYS_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_7_DAYS_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_DUE_TODAY;
import static dev.cascade.notification.obligation.ReminderState.CANCELLED;
import static dev.cascade.notification.obligation.ReminderState.EXPIRED;
import static dev.cascade.notification.obligation.ReminderState.PENDING;
import static dev.cascade.notification.obligation.ReminderState.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The tracker's rules for an obligation's life against the embedded store: closed, reopened and rescheduled by
 * version, whatever the order and however often the events arrive.
 */
@Import({ObligationStore.class, ObligationTracker.class, ReminderPolicies.class, ObligationTrackerTest.Beans.class})
class ObligationTrackerTest extends NotificationSlices.Store {

    static final String ID = "HD-GDNN-ANNUAL|2024|10813";
    static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);
    static final MutableClock CLOCK = MutableClock.at("2024-12-01T09:00:00+07:00");
    /** The kinds of the default policy's reminders, in order. */
    static final List<ReminderKind> KINDS = List.of(REMINDER_7_DAYS_BEFORE, REMINDER_3_DAYS_BEFORE,
            REMINDER_1_DAY_BEFORE, REMINDER_DUE_TODAY, OVERDUE_1_DAY, ESCALATION_3_DAYS_OVERDUE);

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        MutableClock clock() {
            return CLOCK;
        }

        @Bean
        ReminderPolicy reminderPolicy() {
            return ReminderPolicy.defaults();
        }
    }

    @Autowired
    ObligationTracker tracker;
    @Autowired
    ObligationStore store;

    static Instant at(String isoOffsetDateTime) {
        return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
    }

    static Reminder reminder(ReminderKind kind, String dueAt, ReminderState state) {
        return new Reminder(kind, at(dueAt), state);
    }

    /**
     * The default policy's six reminders in order, due at 08:00 (UTC+7) on these days of December 2024: the first
     * one {@code first}, the others pending.
     */
    static List<Reminder> decemberReminders(ReminderState first, int... days) {
        List<Reminder> reminders = new ArrayList<>();
        for (int i = 0; i < KINDS.size(); i++) {
            reminders.add(reminder(KINDS.get(i), "2024-12-%02dT08:00:00+07:00".formatted(days[i]),
                    i == 0 ? first : PENDING));
        }
        return reminders;
    }

    static ObligationOpened opened(long version) {
        return new ObligationOpened(ID, "KH-294-2024", "HD-GDNN-ANNUAL", "2024", "10813", UnitLevel.COMMUNE, "294",
                DEADLINE, Instant.parse("2024-12-10T17:00:00Z"), version, List.of("10810", "10811"), true);
    }

    static ObligationClosed closed(long version) {
        return new ObligationClosed(ID, "KH-294-2024", "HD-GDNN-ANNUAL", "2024", "10813", "294",
                ClosureReason.PLAN_REVOKED, ObligationStatus.OPEN, at("2024-12-04T10:00:00+07:00"), version);
    }

    static ObligationReopened reopened(long version) {
        return new ObligationReopened(ID, "HD-GDNN-ANNUAL", "2024", "10813", "294", "report-1",
                ObligationStatus.OPEN, DEADLINE, Instant.parse("2024-12-10T17:00:00Z"),
                at("2024-12-05T10:00:00+07:00"), version);
    }

    static ObligationRescheduled rescheduled(LocalDate from, LocalDate to, long version) {
        return new ObligationRescheduled(ID, "HD-GDNN-ANNUAL", "2024", "10813", "294", from, to,
                to.atTime(23, 59, 59).atZone(ReminderPolicy.defaults().zone()).toInstant(), ObligationStatus.OPEN,
                at("2024-12-04T10:00:00+07:00"), version);
    }

    TrackedObligation stored() {
        return store.find(ID).orElseThrow();
    }

    @BeforeEach
    void opensOnTheFirstOfDecember() {
        CLOCK.set(at("2024-12-01T09:00:00+07:00"));
    }

    /** Opened on 1/12, the 7-day reminder sent on 3/12. */
    void openedAndRemindedSevenDaysBefore() {
        tracker.opened(opened(1));
        TrackedObligation open = stored();
        assertThat(store.save(open.withSent(REMINDER_7_DAYS_BEFORE), open.revision())).isTrue();
    }

    @Test
    void aClosureCancelsEveryPendingReminderAndNeitherItsRedeliveryNorTheStaleOpeningChangesAnything() {
        openedAndRemindedSevenDaysBefore();

        tracker.closed(closed(2));

        TrackedObligation closed = stored();
        assertThat(closed.closed()).isTrue();
        assertThat(closed.owed()).isFalse();
        assertThat(closed.status()).isEqualTo(ObligationStatus.CLOSED);
        assertThat(closed.closureReason()).isEqualTo(ClosureReason.PLAN_REVOKED);
        assertThat(closed.closedAt()).isEqualTo(at("2024-12-04T10:00:00+07:00"));
        assertThat(closed.version()).isEqualTo(2);
        assertThat(closed.nextReminderAt()).isNull();
        assertThat(closed.reminders()).extracting(Reminder::kind, Reminder::state).containsExactly(
                tuple(REMINDER_7_DAYS_BEFORE, SENT),
                tuple(REMINDER_3_DAYS_BEFORE, CANCELLED),
                tuple(REMINDER_1_DAY_BEFORE, CANCELLED),
                tuple(REMINDER_DUE_TODAY, CANCELLED),
                tuple(OVERDUE_1_DAY, CANCELLED),
                tuple(ESCALATION_3_DAYS_OVERDUE, CANCELLED));

        tracker.closed(closed(2));
        tracker.opened(opened(1));
        tracker.reopened(reopened(2));
        tracker.rescheduled(rescheduled(DEADLINE, DEADLINE.plusDays(10), 1));

        assertThat(stored()).isEqualTo(closed);
    }

    @Test
    void aClosureSeenBeforeTheOpeningKeepsTheLateOpeningOut() {
        tracker.closed(closed(2));
        tracker.opened(opened(1));

        TrackedObligation closed = stored();
        assertThat(closed.closed()).isTrue();
        assertThat(closed.reminders()).isEmpty();
        assertThat(closed.nextReminderAt()).isNull();
        assertThat(closed.planId()).isEqualTo("KH-294-2024");
        assertThat(closed.version()).isEqualTo(2);
    }

    @Test
    void reopenedTheRemindersResumeWithoutTheOneAlreadySentForTheSameDeadline() {
        openedAndRemindedSevenDaysBefore();
        CLOCK.set(at("2024-12-04T10:00:00+07:00"));
        tracker.fulfilled(new ObligationFulfilled(ID, "HD-GDNN-ANNUAL", "2024", "10813", "report-1",
                ObligationStatus.FULFILLED_ON_TIME, at("2024-12-04T10:00:00+07:00"), 2));
        CLOCK.set(at("2024-12-05T10:00:00+07:00"));

        tracker.reopened(reopened(3));

        TrackedObligation owed = stored();
        assertThat(owed.owed()).isTrue();
        assertThat(owed.fulfilled()).isFalse();
        assertThat(owed.reportId()).isNull();
        assertThat(owed.status()).isEqualTo(ObligationStatus.OPEN);
        assertThat(owed.version()).isEqualTo(3);
        assertThat(owed.replaces()).containsExactly("10810", "10811");
        assertThat(owed.deadlineMoved()).isNull();
        assertThat(owed.reminders()).containsExactlyElementsOf(decemberReminders(SENT, 3, 7, 9, 10, 11, 13));
        assertThat(owed.nextReminderAt()).isEqualTo(at("2024-12-07T08:00:00+07:00"));

        tracker.reopened(reopened(3));
        tracker.fulfilled(new ObligationFulfilled(ID, "HD-GDNN-ANNUAL", "2024", "10813", "report-1",
                ObligationStatus.FULFILLED_ON_TIME, at("2024-12-04T10:00:00+07:00"), 2));
        assertThat(stored()).as("redelivered reopening, stale fulfilment").isEqualTo(owed);
    }

    @Test
    void rescheduledTheRemindersFollowTheNewDeadlineAndOnlyTheNewestVersionCounts() {
        openedAndRemindedSevenDaysBefore();
        CLOCK.set(at("2024-12-04T10:00:00+07:00"));
        LocalDate later = LocalDate.of(2024, 12, 20);

        tracker.rescheduled(rescheduled(DEADLINE, later, 2));

        TrackedObligation moved = stored();
        assertThat(moved.deadline()).isEqualTo(later);
        assertThat(moved.firstDeadline()).isEqualTo(DEADLINE);
        assertThat(moved.deadlineMoved()).isEqualTo(later);
        assertThat(moved.version()).isEqualTo(2);
        assertThat(moved.reminders()).as("the 7-day reminder of 10/12 is not one of 20/12")
                .containsExactlyElementsOf(decemberReminders(PENDING, 13, 17, 19, 20, 21, 23));

        tracker.rescheduled(rescheduled(DEADLINE, LocalDate.of(2024, 12, 31), 2));
        tracker.rescheduled(rescheduled(DEADLINE, LocalDate.of(2024, 12, 31), 1));
        assertThat(stored()).as("same version again, older version").isEqualTo(moved);

        tracker.rescheduled(rescheduled(later, DEADLINE, 3));
        TrackedObligation back = stored();
        assertThat(back.deadline()).isEqualTo(DEADLINE);
        assertThat(back.deadlineMoved()).as("back on its first deadline").isNull();
        assertThat(back.reminders()).extracting(Reminder::kind).containsExactlyElementsOf(KINDS.subList(1, 6));
    }

    @Test
    void aReplanKeepsWhatWasSentOrExpiredForTheSameDeadlineAndPlansTheRestAsOfNow() {
        ReminderPolicy policy = ReminderPolicy.defaults();
        List<Reminder> before = List.of(
                reminder(REMINDER_7_DAYS_BEFORE, "2024-12-03T08:00:00+07:00", EXPIRED),
                reminder(REMINDER_3_DAYS_BEFORE, "2024-12-07T08:00:00+07:00", SENT),
                reminder(REMINDER_1_DAY_BEFORE, "2024-12-09T08:00:00+07:00", CANCELLED),
                reminder(REMINDER_DUE_TODAY, "2024-12-10T08:00:00+07:00", CANCELLED));

        assertThat(ObligationTracker.replan(before, policy, DEADLINE, false, at("2024-12-09T09:00:00+07:00")))
                .as("reopened on 9/12 after 08:00: the 1-day reminder is less than a day old").containsExactly(
                        reminder(REMINDER_7_DAYS_BEFORE, "2024-12-03T08:00:00+07:00", EXPIRED),
                        reminder(REMINDER_3_DAYS_BEFORE, "2024-12-07T08:00:00+07:00", SENT),
                        reminder(REMINDER_1_DAY_BEFORE, "2024-12-09T08:00:00+07:00", PENDING),
                        reminder(REMINDER_DUE_TODAY, "2024-12-10T08:00:00+07:00", PENDING),
                        reminder(OVERDUE_1_DAY, "2024-12-11T08:00:00+07:00", PENDING));

        assertThat(ObligationTracker.replan(before, policy, LocalDate.of(2024, 12, 12), false,
                at("2024-12-09T09:00:00+07:00"))).as("moved to 12/12 on 9/12").containsExactly(
                        reminder(REMINDER_3_DAYS_BEFORE, "2024-12-09T08:00:00+07:00", PENDING),
                        reminder(REMINDER_1_DAY_BEFORE, "2024-12-11T08:00:00+07:00", PENDING),
                        reminder(REMINDER_DUE_TODAY, "2024-12-12T08:00:00+07:00", PENDING),
                        reminder(OVERDUE_1_DAY, "2024-12-13T08:00:00+07:00", PENDING));
    }
}
