package dev.cascade.notification.obligation;

import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.notification.NotificationSlices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cascade.notification.obligation.ObligationTrackerTest.CLOCK;
import static dev.cascade.notification.obligation.ObligationTrackerTest.DEADLINE;
import static dev.cascade.notification.obligation.ObligationTrackerTest.at;
import static dev.cascade.notification.obligation.ReminderKind.REMINDER_7_DAYS_BEFORE;
import static dev.cascade.notification.obligation.ReminderState.CANCELLED;
import static dev.cascade.notification.obligation.ReminderState.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A poll's obligation events applied together ({@link ObligationTracker#applyAll}) against the embedded store: the
 * same obligations as one event at a time, with one read and one write; an obligation changed meanwhile, an event that
 * fails and a write that fails.
 */
@Import({ObligationStore.class, ObligationTracker.class, ReminderPolicies.class, ObligationTrackerTest.Beans.class})
@ExtendWith(OutputCaptureExtension.class)
class ObligationBatchTest extends NotificationSlices.Store {

    @MockitoSpyBean
    ObligationStore store;
    @MockitoSpyBean
    ObligationTracker tracker;

    @BeforeEach
    void onTheFirstOfDecember() {
        CLOCK.set(at("2024-12-01T09:00:00+07:00"));
    }

    static String id(String unit) {
        return "HD-GDNN-ANNUAL|2024|" + unit;
    }

    static ObligationOpened opened(String unit, long version) {
        return new ObligationOpened(id(unit), "KH-294-2024", "HD-GDNN-ANNUAL", "2024", unit, UnitLevel.COMMUNE, "294",
                DEADLINE, Instant.parse("2024-12-10T17:00:00Z"), version, List.of(), false);
    }

    static ObligationFulfilled fulfilled(String unit, long version) {
        return new ObligationFulfilled(id(unit), "HD-GDNN-ANNUAL", "2024", unit, "report-" + unit,
                ObligationStatus.FULFILLED_ON_TIME, at("2024-12-04T10:00:00+07:00"), version);
    }

    static List<ObligationTracker.Input> inputs(Object... events) {
        List<ObligationTracker.Input> inputs = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            inputs.add(new ObligationTracker.Input(i, events[i]));
        }
        return inputs;
    }

    /** Every stored obligation by id, revisions set aside (a batch writes each once, one at a time writes more). */
    Map<String, TrackedObligation> everyObligation() {
        return mongo.findAll(TrackedObligation.class, ObligationStore.COLLECTION).stream()
                .map(o -> o.withRevision(0)).collect(Collectors.toMap(TrackedObligation::id, Function.identity()));
    }

    @Test
    void aBatchLeavesWhatOneEventAtATimeWouldWithOneReadAndOneWrite(CapturedOutput output) {
        tracker.opened(opened("10825", 1));
        List<ObligationTracker.Input> batch = inputs(opened("10813", 1), fulfilled("10825", 2), fulfilled("10813", 2),
                opened("10813", 1), opened("10837", 1), opened("10825", 1), fulfilled("10846", 2),
                opened("10846", 1));
        clearInvocations(store);

        tracker.applyAll(batch);

        verify(store, times(1)).findAll(any());
        verify(store, times(1)).saveAll(any(), any());
        verify(store, never()).find(any());
        verify(store, never()).save(any(), any());
        Map<String, TrackedObligation> together = everyObligation();
        assertThat(together).hasSize(4);
        assertThat(together.get(id("10813")).fulfilled()).isTrue();
        assertThat(together.get(id("10813")).reportId()).isEqualTo("report-10813");
        assertThat(together.get(id("10813")).reminders()).extracting(Reminder::state).containsOnly(CANCELLED);
        assertThat(together.get(id("10825")).fulfilled()).as("its stale opening after the fulfilment changes nothing")
                .isTrue();
        assertThat(together.get(id("10837")).owed()).isTrue();
        assertThat(together.get(id("10846")).fulfilled()).as("fulfilled before its opening was seen").isTrue();
        // one line for the batch at INFO (a national plan opens over 10,000), none per obligation
        assertThat(output.getOut()).contains("3 new obligation(s) stored with their reminder schedules (8 event(s)"
                + " applied)").doesNotContain("reminder(s) scheduled");

        mongo.getCollection(ObligationStore.COLLECTION).drop();
        tracker.opened(opened("10825", 1));
        for (ObligationTracker.Input input : batch) {
            if (input.event() instanceof ObligationOpened o) {
                tracker.opened(o);
            } else {
                tracker.fulfilled((ObligationFulfilled) input.event());
            }
        }
        assertThat(together).isEqualTo(everyObligation());
    }

    @Test
    void anObligationChangedBetweenTheReadAndTheWriteGetsItsEventsAgainOnTopOfTheOtherChange() {
        tracker.opened(opened("10813", 1));
        doAnswer(invocation -> {
            // the dispatcher sends the 7-day reminder meanwhile
            TrackedObligation read = store.find(id("10813")).orElseThrow();
            assertThat(store.save(read.withSent(REMINDER_7_DAYS_BEFORE), read.revision())).isTrue();
            return invocation.callRealMethod();
        }).doCallRealMethod().when(store).saveAll(any(), any());

        tracker.applyAll(inputs(fulfilled("10813", 2), opened("10825", 1)));

        TrackedObligation fulfilled = store.find(id("10813")).orElseThrow();
        assertThat(fulfilled.fulfilled()).isTrue();
        assertThat(fulfilled.version()).isEqualTo(2);
        assertThat(fulfilled.revision()).as("opened, reminder sent, fulfilled").isEqualTo(2);
        assertThat(fulfilled.reminders()).extracting(Reminder::state)
                .as("the dispatcher's change holds, the rest cancelled")
                .containsExactly(SENT, CANCELLED, CANCELLED, CANCELLED, CANCELLED, CANCELLED);
        assertThat(store.find(id("10825")).orElseThrow().revision()).as("written once, by the batch").isZero();
    }

    @Test
    void anEventThatFailsIsNamedAndOnlyThoseBeforeItAreApplied() {
        ObligationOpened poison = opened("10825", 1);
        doThrow(new IllegalStateException("not this one")).when(tracker)
                .changeOf(argThat(event -> event == poison));

        assertThatThrownBy(() -> tracker.applyAll(inputs(opened("10813", 1), fulfilled("10813", 2), poison,
                opened("10837", 1))))
                .isInstanceOfSatisfying(ObligationTracker.InputFailedException.class,
                        failed -> assertThat(failed.index()).isEqualTo(2))
                .hasRootCauseMessage("not this one");

        assertThat(everyObligation()).containsOnlyKeys(id("10813"));
        assertThat(store.find(id("10813")).orElseThrow().fulfilled()).isTrue();
    }

    @Test
    void aWriteThatFailsForAnotherReasonThanTheStoreIsDoneOneEventAtATime() {
        doThrow(new IllegalStateException("a document the bulk write refuses")).when(store).saveAll(any(), any());

        tracker.applyAll(inputs(opened("10813", 1), fulfilled("10813", 2), opened("10837", 1)));

        verify(store, times(3)).save(any(), any());
        assertThat(everyObligation()).containsOnlyKeys(id("10813"), id("10837"));
        assertThat(store.find(id("10813")).orElseThrow().fulfilled()).isTrue();
        assertThat(store.find(id("10813")).orElseThrow().revision()).as("inserted, then replaced").isEqualTo(1);
    }
}
