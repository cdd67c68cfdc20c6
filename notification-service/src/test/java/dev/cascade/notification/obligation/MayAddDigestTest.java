package dev.cascade.notification.obligation;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.cascade.notification.obligation.ObligationTracker.mayAddDigest;
import static org.assertj.core.api.Assertions.assertThat;

/** Which writes of an obligation can make a digest due on a day ({@link ObligationTracker#mayAddDigest}). */
class MayAddDigestTest {

    static final LocalDate DAY = LocalDate.of(2024, 12, 3);
    static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);
    static final Instant AT = Instant.parse("2024-12-03T02:00:00Z");

    static TrackedObligation owed(LocalDate deadline) {
        return TrackedObligation.opened(new ObligationOpened("P|2024|10813", "KH-1", "P", "2024", "10813",
                UnitLevel.COMMUNE, "294", deadline, deadline.plusDays(1).atStartOfDay(CascadeTime.ZONE).toInstant(), 1),
                List.of(), 0);
    }

    static ObligationFulfilled fulfilment() {
        return new ObligationFulfilled("P|2024|10813", "P", "2024", "10813", "report-1",
                ObligationStatus.FULFILLED_ON_TIME, AT, 2);
    }

    static ObligationClosed closure() {
        return new ObligationClosed("P|2024|10813", "KH-1", "P", "2024", "10813", "294", ClosureReason.NO_LONGER_REQUIRED,
                ObligationStatus.OPEN, AT, 2);
    }

    @Test
    void anObligationThatBecomesOrStaysMissingDifferentlyMayAddOne() {
        assertThat(mayAddDigest(null, owed(DEADLINE), DAY)).as("opened").isTrue();
        TrackedObligation fulfilled = owed(DEADLINE).fulfil(fulfilment());
        assertThat(mayAddDigest(fulfilled, owed(DEADLINE).owedAgain(DEADLINE, AT, ObligationStatus.OPEN, null, 3,
                List.of()), DAY)).as("reopened").isTrue();
        assertThat(mayAddDigest(owed(DEADLINE), owed(DEADLINE.plusDays(5)), DAY)).as("rescheduled").isTrue();
    }

    @Test
    void aChangeThatLeavesTheDigestsFactsAsTheyWereDoesNot() {
        TrackedObligation before = owed(DEADLINE);
        assertThat(mayAddDigest(before, before.withReminders(List.of()), DAY)).as("reminders only").isFalse();
        assertThat(mayAddDigest(null, owed(DEADLINE).fulfil(fulfilment()), DAY)).as("fulfilled, opening unseen")
                .isFalse();
    }

    @Test
    void anObligationThatStopsBeingMissingMayAddOneOnlyOnceItsDeadlineHasPassed() {
        assertThat(mayAddDigest(owed(DEADLINE), owed(DEADLINE).fulfil(fulfilment()), DAY))
                .as("fulfilled before the deadline").isFalse();
        assertThat(mayAddDigest(owed(DEADLINE), owed(DEADLINE).close(closure()), DAY))
                .as("closed before the deadline").isFalse();
        assertThat(mayAddDigest(owed(DAY.plusDays(1)), owed(DAY.plusDays(1)).fulfil(fulfilment()), DAY))
                .as("deadline tomorrow").isFalse();
        assertThat(mayAddDigest(owed(DAY), owed(DAY).fulfil(fulfilment()), DAY)).as("deadline today").isTrue();
        assertThat(mayAddDigest(owed(DAY.minusDays(1)), owed(DAY.minusDays(1)).close(closure()), DAY))
                .as("closed overdue").isTrue();
    }
}
