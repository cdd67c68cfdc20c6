package dev.cascade.notification.obligation;

import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationSlices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracked obligations against the embedded store: revision-guarded writes and the dispatcher's queries. */
@Import(ObligationStore.class)
class ObligationStoreTest extends NotificationSlices.Store {

    static final Instant NOW = Instant.parse("2024-12-12T01:00:00Z");

    @Autowired
    ObligationStore store;

    static TrackedObligation obligation(String programme, String unitCode, Instant... pendingAt) {
        List<Reminder> reminders = Stream.of(pendingAt)
                .map(at -> new Reminder(ReminderKind.REMINDER_3_DAYS_BEFORE, at, ReminderState.PENDING)).toList();
        return new TrackedObligation(programme + "|2024|" + unitCode, "KH-30-2024", programme, "2024", unitCode,
                UnitLevel.COMMUNE, "294", LocalDate.of(2024, 12, 15), Instant.parse("2024-12-15T17:00:00Z"), 1,
                ObligationStatus.OPEN, false, null, null, reminders, null, 0);
    }

    static TrackedObligation fulfilled(TrackedObligation open) {
        return new TrackedObligation(open.id(), open.planId(), open.programme(), open.period(), open.unitCode(),
                open.level(), open.parentCode(), open.deadline(), open.dueAt(), 2, ObligationStatus.FULFILLED_ON_TIME,
                true, NOW, "r-1", open.reminders(), null, open.revision());
    }

    static TrackedObligation closed(TrackedObligation open) {
        return open.close(new ObligationClosed(open.id(), open.planId(), open.programme(), open.period(),
                open.unitCode(), open.parentCode(), ClosureReason.NO_LONGER_REQUIRED, ObligationStatus.OPEN, NOW, 2));
    }

    @Test
    void anObligationPutAsideIsLeftOutOfTheDueOnesUntilWokenReplacedOrTheRecheck() {
        TrackedObligation a = obligation("HD-GDNN-ANNUAL", "10813", NOW.minusSeconds(3600));
        TrackedObligation b = obligation("HD-GDNN-ANNUAL", "10816", NOW.minusSeconds(3600));
        TrackedObligation c = obligation("HD-GDNN-ANNUAL", "10507", NOW.minusSeconds(3600));
        List.of(a, b, c).forEach(o -> store.save(o, null));
        Instant recheck = NOW.plusSeconds(60);

        // c was changed since it was read (revision 1, not 0): it is not put aside
        assertThat(store.save(c.withSent(ReminderKind.REMINDER_3_DAYS_BEFORE), 0L)).isTrue();
        assertThat(store.putAside(List.of(new ObligationStore.Waiting(a.id(), 0, "10813"),
                new ObligationStore.Waiting(b.id(), 0, "294"), new ObligationStore.Waiting(c.id(), 0, "10507")),
                recheck)).isEqualTo(2);
        assertThat(due(NOW)).isEmpty();
        assertThat(due(recheck)).containsExactlyInAnyOrder(a.id(), b.id());

        // the contacts of 294 (b's audience, an escalation) change: b is due at once, a stays aside
        assertThat(store.wake(List.of("294", "10507"), NOW)).isEqualTo(1);
        assertThat(due(NOW)).containsExactly(b.id());

        // any replacement of a stores the derived nextReminderAt again: due at once
        TrackedObligation read = store.find(a.id()).orElseThrow();
        assertThat(read.nextReminderAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(store.save(read, read.revision())).isTrue();
        assertThat(due(NOW)).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(mongo.findById(a.id(), org.bson.Document.class, ObligationStore.COLLECTION))
                .doesNotContainKey(ObligationStore.WAITING_FOR);
    }

    private List<String> due(Instant now) {
        try (Stream<TrackedObligation> due = store.withReminderDue(now)) {
            return due.map(TrackedObligation::id).toList();
        }
    }

    @Test
    void aWriterThatReadAnOlderRevisionDoesNotOverwriteANewerOne() {
        TrackedObligation opened = obligation("HD-GDNN-ANNUAL", "10813", NOW);
        assertThat(store.save(opened, null)).isTrue();
        assertThat(store.save(opened, null)).as("a second insert of the same obligation").isFalse();

        TrackedObligation read = store.find(opened.id()).orElseThrow();
        assertThat(read.revision()).isZero();
        assertThat(store.save(read.withSent(ReminderKind.REMINDER_3_DAYS_BEFORE), read.revision())).isTrue();
        assertThat(store.save(fulfilled(read), read.revision())).as("stale revision").isFalse();

        TrackedObligation stored = store.find(opened.id()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.fulfilled()).isFalse();
        assertThat(stored.reminders()).extracting(Reminder::state).containsExactly(ReminderState.SENT);
        assertThat(stored.nextReminderAt()).isNull();
    }

    @Test
    void replacingSeveralAtOnceLeavesThoseChangedMeanwhileAndCountsThem() {
        TrackedObligation first = obligation("HD-GDNN-ANNUAL", "10813", NOW);
        TrackedObligation second = obligation("HD-GDNN-ANNUAL", "10825", NOW);
        TrackedObligation third = obligation("HD-GDNN-ANNUAL", "10837", NOW);
        List.of(first, second, third).forEach(o -> store.save(o, null));
        // someone else fulfils the second after the dispatcher read it at revision 0
        store.save(fulfilled(store.find(second.id()).orElseThrow()), 0L);

        int notReplaced = store.replaceAll(List.of(
                new ObligationStore.Replacement(first.withSent(ReminderKind.REMINDER_3_DAYS_BEFORE), 0),
                new ObligationStore.Replacement(second.withSent(ReminderKind.REMINDER_3_DAYS_BEFORE), 0),
                new ObligationStore.Replacement(third.withSent(ReminderKind.REMINDER_3_DAYS_BEFORE), 0)));

        assertThat(notReplaced).as("the second was changed meanwhile").isEqualTo(1);
        for (TrackedObligation replaced : List.of(first, third)) {
            TrackedObligation stored = store.find(replaced.id()).orElseThrow();
            assertThat(stored.revision()).isEqualTo(1);
            assertThat(stored.reminders()).extracting(Reminder::state).containsExactly(ReminderState.SENT);
            assertThat(stored.nextReminderAt()).isNull();
        }
        TrackedObligation kept = store.find(second.id()).orElseThrow();
        assertThat(kept.revision()).isEqualTo(1);
        assertThat(kept.fulfilled()).as("the other writer's change holds").isTrue();
        assertThat(kept.reminders()).extracting(Reminder::state).containsExactly(ReminderState.PENDING);
        assertThat(store.replaceAll(List.of())).isZero();
    }

    @Test
    void savingSeveralAtOnceInsertsTheNewReplacesTheReadAndNamesThoseTakenMeanwhile() {
        TrackedObligation stored = obligation("HD-GDNN-ANNUAL", "10813", NOW);
        TrackedObligation changedMeanwhile = obligation("HD-GDNN-ANNUAL", "10825", NOW);
        TrackedObligation insertedMeanwhile = obligation("HD-GDNN-ANNUAL", "10837", NOW);
        TrackedObligation fresh = obligation("HD-GDNN-ANNUAL", "10846", NOW);
        store.save(stored, null);
        store.save(changedMeanwhile, null);
        Map<String, TrackedObligation> read = store.findAll(List.of(stored.id(), changedMeanwhile.id(),
                insertedMeanwhile.id(), fresh.id()));
        assertThat(read).containsOnlyKeys(stored.id(), changedMeanwhile.id());
        // between the batch's read and its write, another writer changes one and inserts another
        store.save(fulfilled(read.get(changedMeanwhile.id())), 0L);
        store.save(closed(insertedMeanwhile), null);

        Set<String> again = store.saveAll(Map.of(stored.id(), 0L, changedMeanwhile.id(), 0L), List.of(
                fulfilled(stored), insertedMeanwhile.withSent(ReminderKind.REMINDER_3_DAYS_BEFORE),
                closed(changedMeanwhile), fresh));

        assertThat(again).as("the one inserted meanwhile, and every replaced one since one was changed meanwhile")
                .containsExactlyInAnyOrder(insertedMeanwhile.id(), stored.id(), changedMeanwhile.id());
        assertThat(store.find(fresh.id()).orElseThrow()).isEqualTo(fresh.withRevision(0));
        assertThat(store.find(stored.id()).orElseThrow()).isEqualTo(fulfilled(stored).withRevision(1));
        assertThat(store.find(changedMeanwhile.id()).orElseThrow().fulfilled()).as("the other writer's change holds")
                .isTrue();
        assertThat(store.find(insertedMeanwhile.id()).orElseThrow().closed()).as("the other writer's insert holds")
                .isTrue();
        assertThat(store.saveAll(Map.of(), List.of())).isEmpty();
        assertThat(store.saveAll(Map.of(fresh.id(), 0L), List.of(closed(fresh)))).as("nothing taken").isEmpty();
        assertThat(store.find(fresh.id()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void remindersDueAreTheOpenObligationsWhoseNextReminderHasComeEarliestFirst() {
        store.save(obligation("HD-GDNN-ANNUAL", "10813", NOW.minusSeconds(60), NOW.plusSeconds(3600)), null);
        store.save(obligation("HD-GDNN-ANNUAL", "10825", NOW.minusSeconds(600)), null);
        store.save(obligation("HD-GDNN-ANNUAL", "10837", NOW), null);
        store.save(obligation("HD-GDNN-ANNUAL", "10849", NOW.plusSeconds(1)), null);
        store.save(fulfilled(obligation("HD-GDNN-ANNUAL", "10850", NOW.minusSeconds(900))), null);
        store.save(closed(obligation("HD-GDNN-ANNUAL", "10851", NOW.minusSeconds(900))), null);

        try (Stream<TrackedObligation> due = store.withReminderDue(NOW)) {
            assertThat(due.map(TrackedObligation::unitCode)).containsExactly("10825", "10813", "10837");
        }
    }

    @Test
    void openObligationsByProgrammeAndEveryObligationOfAPeriod() {
        store.save(obligation("HD-GDNN-ANNUAL", "10813", NOW), null);
        store.save(fulfilled(obligation("HD-GDNN-ANNUAL", "10825", NOW)), null);
        store.save(obligation("BC-Y-TE", "10813", NOW), null);
        store.save(closed(obligation("HD-GDNN-ANNUAL", "10837", NOW)), null);

        try (Stream<TrackedObligation> open = store.openOf("HD-GDNN-ANNUAL")) {
            assertThat(open.map(TrackedObligation::id)).containsExactly("HD-GDNN-ANNUAL|2024|10813");
        }
        // the digest's seasons: open obligations (deadline 15/12) with a deadline in (after, until], plans not revoked
        store.save(fulfilled(obligation("BC-DA-FULFILLED", "10813", NOW)), null);
        LocalDate due = LocalDate.of(2024, 12, 15);
        assertThat(store.openSeasons(due.minusDays(3), due.plusDays(4), Set.of())).containsExactlyInAnyOrder(
                new ObligationStore.Season("HD-GDNN-ANNUAL", "2024"), new ObligationStore.Season("BC-Y-TE", "2024"));
        assertThat(store.openSeasons(due.minusDays(7), due, Set.of())).as("the deadline is the window's last day")
                .hasSize(2);
        assertThat(store.openSeasons(due.minusDays(8), due.minusDays(1), Set.of())).as("the window ends before it")
                .isEmpty();
        assertThat(store.openSeasons(due, due.plusDays(7), Set.of())).as("the window starts on it").isEmpty();
        assertThat(store.openSeasons(due.minusDays(3), due.plusDays(4), Set.of("KH-30-2024"))).as("plan revoked")
                .isEmpty();
        assertThat(store.openSeasons(due.minusDays(3), due.plusDays(4), Set.of("KH-OTHER"))).hasSize(2);
        assertThat(store.of("HD-GDNN-ANNUAL", "2024")).extracting(TrackedObligation::unitCode)
                .containsExactlyInAnyOrder("10813", "10825", "10837");
        assertThat(store.of("HD-GDNN-ANNUAL", "2025")).isEmpty();
        LocalDate deadline = LocalDate.of(2024, 12, 15);
        assertThat(store.isOwedUnder("HD-GDNN-ANNUAL|2024|10825", deadline)).isFalse();
        assertThat(store.isOwedUnder("HD-GDNN-ANNUAL|2024|10813", deadline)).isTrue();
        assertThat(store.isOwedUnder("HD-GDNN-ANNUAL|2024|10813", deadline.plusDays(7))).as("deadline moved").isFalse();
        assertThat(store.isOwedUnder("HD-GDNN-ANNUAL|2024|10837", deadline)).as("closed").isFalse();
        assertThat(store.isOwedUnder("HD-GDNN-ANNUAL|2024|99999", deadline)).isFalse();
        // a dispatch batch asks for all of its obligations in one read, each under the deadline it composed with
        assertThat(store.owedUnder(Map.of("HD-GDNN-ANNUAL|2024|10825", deadline,
                "HD-GDNN-ANNUAL|2024|10813", deadline, "BC-Y-TE|2024|10813", deadline.plusDays(7),
                "HD-GDNN-ANNUAL|2024|10837", deadline, "HD-GDNN-ANNUAL|2024|99999", deadline)))
                .containsExactly("HD-GDNN-ANNUAL|2024|10813");
        assertThat(store.owedUnder(Map.of())).isEmpty();
    }

    @Test
    void anObligationReadsBackAsWrittenWithItsDeadlineDayAndSchedule() {
        TrackedObligation opened = obligation("HD-GDNN-ANNUAL", "10813", NOW, NOW.plusSeconds(86_400));
        store.save(opened, null);

        assertThat(store.find(opened.id())).contains(opened);
    }

    @Test
    void aClosedSuccessorReadsBackWithItsClosureAndWhomItReplaces() {
        TrackedObligation open = obligation("HD-GDNN-ANNUAL", "10851", NOW);
        TrackedObligation successor = new TrackedObligation(open.id(), open.planId(), open.programme(),
                open.period(), open.unitCode(), open.level(), open.parentCode(), open.deadline(), open.dueAt(),
                open.version(), open.status(), false, null, null, open.reminders(), null, 0, false, null, null,
                open.deadline().minusDays(5), List.of("06808", "06814"), true);
        TrackedObligation closed = closed(successor);
        store.save(closed, null);

        TrackedObligation read = store.find(open.id()).orElseThrow();
        assertThat(read).isEqualTo(closed);
        assertThat(read.closed()).isTrue();
        assertThat(read.status()).isEqualTo(ObligationStatus.CLOSED);
        assertThat(read.closureReason()).isEqualTo(ClosureReason.NO_LONGER_REQUIRED);
        assertThat(read.replaces()).containsExactly("06808", "06814");
        assertThat(read.reminders()).extracting(Reminder::state).containsExactly(ReminderState.CANCELLED);
        assertThat(read.nextReminderAt()).isNull();
    }
}
