package dev.cascade.notification.obligation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static dev.cascade.notification.obligation.ReminderKind.ESCALATION_3_DAYS_OVERDUE;
import static dev.cascade.notification.obligation.ReminderKind.OVERDUE_1_DAY;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_1_DAY_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_3_DAYS_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_7_DAYS_BEFORE;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_DUE_TODAY;
import static dev.cascade.notification.obligation.ReminderState.EXPIRED;
import static dev.cascade.notification.obligation.ReminderState.PENDING;
import static dev.cascade.notification.obligation.ReminderState.SENT;
import static org.assertj.core.api.Assertions.assertThat;

class ReminderPolicyTest {

    static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);
    final ReminderPolicy policy = ReminderPolicy.defaults();

    static Instant at(String isoOffsetDateTime) {
        return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
    }

    static Reminder pending(ReminderKind kind, String dueAt) {
        return new Reminder(kind, at(dueAt), PENDING);
    }

    @Test
    void obligationOpenedEarlyGetsEveryReminderAtEightInTheMorningVietnamTime() {
        assertThat(policy.schedule(DEADLINE, true, at("2024-11-20T10:00:00+07:00"))).containsExactly(
                pending(REMINDER_7_DAYS_BEFORE, "2024-12-03T08:00:00+07:00"),
                pending(REMINDER_3_DAYS_BEFORE, "2024-12-07T08:00:00+07:00"),
                pending(REMINDER_1_DAY_BEFORE, "2024-12-09T08:00:00+07:00"),
                pending(REMINDER_DUE_TODAY, "2024-12-10T08:00:00+07:00"),
                pending(OVERDUE_1_DAY, "2024-12-11T08:00:00+07:00"),
                pending(ESCALATION_3_DAYS_OVERDUE, "2024-12-13T08:00:00+07:00"));
        assertThat(policy.dueAt(REMINDER_3_DAYS_BEFORE, DEADLINE)).isEqualTo(Instant.parse("2024-12-07T01:00:00Z"));
    }

    @Test
    void unitWithoutParentIsNeverEscalated() {
        assertThat(policy.schedule(DEADLINE, false, at("2024-11-20T10:00:00+07:00")))
                .extracting(Reminder::kind)
                .containsExactly(REMINDER_7_DAYS_BEFORE, REMINDER_3_DAYS_BEFORE, REMINDER_1_DAY_BEFORE,
                        REMINDER_DUE_TODAY, OVERDUE_1_DAY);
    }

    @Test
    void obligationOpenedLateKeepsOnlyTheMostRecentPastReminderWhileItIsLessThanADayOld() {
        // opened two days before the deadline, at 07:00: the 3-day reminder (due yesterday 08:00) is 23 h old
        assertThat(policy.schedule(DEADLINE, true, at("2024-12-08T07:00:00+07:00"))).containsExactly(
                pending(REMINDER_3_DAYS_BEFORE, "2024-12-07T08:00:00+07:00"),
                pending(REMINDER_1_DAY_BEFORE, "2024-12-09T08:00:00+07:00"),
                pending(REMINDER_DUE_TODAY, "2024-12-10T08:00:00+07:00"),
                pending(OVERDUE_1_DAY, "2024-12-11T08:00:00+07:00"),
                pending(ESCALATION_3_DAYS_OVERDUE, "2024-12-13T08:00:00+07:00"));
        // an hour later it is exactly 24 h old: dropped
        assertThat(policy.schedule(DEADLINE, true, at("2024-12-08T08:00:00+07:00"))).extracting(Reminder::kind)
                .containsExactly(REMINDER_1_DAY_BEFORE, REMINDER_DUE_TODAY, OVERDUE_1_DAY, ESCALATION_3_DAYS_OVERDUE);
    }

    @Test
    void obligationOpenedAnHourAfterAReminderFellDueStillGetsIt() {
        assertThat(policy.schedule(DEADLINE, true, at("2024-12-07T09:00:00+07:00"))).extracting(Reminder::kind)
                .containsExactly(REMINDER_3_DAYS_BEFORE, REMINDER_1_DAY_BEFORE, REMINDER_DUE_TODAY, OVERDUE_1_DAY,
                        ESCALATION_3_DAYS_OVERDUE);
    }

    @Test
    void obligationOpenedAtTheMomentAReminderFallsDueGetsIt() {
        assertThat(policy.schedule(DEADLINE, true, at("2024-12-09T08:00:00+07:00"))).extracting(Reminder::kind)
                .containsExactly(REMINDER_1_DAY_BEFORE, REMINDER_DUE_TODAY, OVERDUE_1_DAY, ESCALATION_3_DAYS_OVERDUE);
    }

    @Test
    void obligationOpenedLongOverdueGetsOnlyTheEscalationWhileItIsFresh() {
        assertThat(policy.schedule(DEADLINE, true, at("2024-12-13T20:00:00+07:00")))
                .containsExactly(pending(ESCALATION_3_DAYS_OVERDUE, "2024-12-13T08:00:00+07:00"));
        assertThat(policy.schedule(DEADLINE, true, at("2024-12-14T08:00:00+07:00"))).isEmpty();
        assertThat(policy.schedule(DEADLINE, false, at("2024-12-12T09:00:00+07:00"))).isEmpty();
    }

    @Test
    void dispatcherSendsOnlyTheCurrentReminderAndExpiresTheOnesItMissed() {
        List<Reminder> schedule = policy.schedule(DEADLINE, true, at("2024-11-20T10:00:00+07:00"));
        Instant now = at("2024-12-09T10:00:00+07:00"); // the service was down since before the 7-day reminder

        List<Reminder> refreshed = policy.refresh(schedule, now);

        assertThat(refreshed).extracting(Reminder::state)
                .containsExactly(EXPIRED, EXPIRED, PENDING, PENDING, PENDING, PENDING);
        assertThat(policy.live(refreshed, now)).contains(pending(REMINDER_1_DAY_BEFORE, "2024-12-09T08:00:00+07:00"));
        assertThat(policy.live(refreshed, at("2024-12-09T07:59:59+07:00"))).isEmpty();
    }

    @Test
    void aReminderNotSentWithinADayExpires() {
        List<Reminder> schedule = List.of(pending(REMINDER_DUE_TODAY, "2024-12-10T08:00:00+07:00"),
                pending(OVERDUE_1_DAY, "2024-12-11T08:00:00+07:00"));
        Instant stillLive = at("2024-12-11T07:59:59+07:00");

        assertThat(policy.live(schedule, stillLive)).contains(schedule.get(0));
        assertThat(policy.refresh(List.of(schedule.get(0)), at("2024-12-11T08:00:00+07:00")))
                .containsExactly(schedule.get(0).withState(EXPIRED));
    }

    @Test
    void aSentReminderIsNeitherLiveNorExpiredAndSupersedesNothingLater() {
        List<Reminder> schedule = List.of(new Reminder(REMINDER_3_DAYS_BEFORE, at("2024-12-07T08:00:00+07:00"), SENT),
                pending(REMINDER_1_DAY_BEFORE, "2024-12-09T08:00:00+07:00"));
        Instant now = at("2024-12-07T12:00:00+07:00");

        assertThat(policy.live(schedule, now)).isEmpty();
        assertThat(policy.refresh(schedule, now)).isEqualTo(schedule);
    }
}
