package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSlices;
import dev.cascade.notification.contact.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery log's queries and outcomes against the embedded store: what a unit's log lists, what is still to be
 * published, and when a failed or given-up delivery may be claimed again (the claim race itself: DeliveryLogIT).
 */
@Import(DeliveryLog.class)
class DeliveryLogTest extends NotificationSlices.Store {

    static final Instant NOW = Instant.parse("2024-12-07T01:00:00Z");

    @Autowired
    DeliveryLog log;

    static Delivery delivery(String id, String kind, String recipient, String unitCode, String obligationUnitCode,
                             Instant createdAt) {
        return new Delivery(id, "HD-GDNN-ANNUAL|2024|" + obligationUnitCode, kind, Channel.EMAIL, recipient, unitCode,
                obligationUnitCode, "HD-GDNN-ANNUAL", "2024", "subject " + id, "body",
                "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/" + obligationUnitCode, DeliveryState.SENDING,
                UUID.randomUUID().toString(), createdAt, createdAt.plus(Duration.ofMinutes(2)), 1, null, null, false,
                createdAt, null);
    }

    Delivery claimed(Delivery candidate) {
        return ((DeliveryLog.Claim.Claimed) log.claim(candidate, candidate.createdAt())).delivery();
    }

    @Test
    void aUnitsLogHoldsWhatWentToItsStaffAndWhatWasAboutItsObligationsOldestFirst() {
        claimed(delivery("n-3", "REMINDER_DUE_TODAY", "vanthu@thanhha.example", "10813", "10813", NOW.plusSeconds(60)));
        claimed(delivery("n-1", "REMINDER_3_DAYS_BEFORE", "vanthu@thanhha.example", "10813", "10813", NOW));
        claimed(delivery("n-2", "ESCALATION_3_DAYS_OVERDUE", "phong@huyen.example", "294", "10813", NOW.plusSeconds(30)));
        claimed(delivery("n-4", "REMINDER_DUE_TODAY", "vanthu@khac.example", "10825", "10825", NOW));

        assertThat(log.forUnit("10813")).extracting(Delivery::id).containsExactly("n-1", "n-2", "n-3");
        assertThat(log.forUnit("294")).extracting(Delivery::id).containsExactly("n-2");
        assertThat(log.forUnit("99999")).isEmpty();
    }

    @Test
    void aSentDeliveryIsToBePublishedUntilMarkedPublished() {
        Delivery sent = log.markSent(claimed(delivery("n-1", "REMINDER_DUE_TODAY", "a@thanhha.example", "10813",
                "10813", NOW)), NOW.plusSeconds(2)).orElseThrow();
        claimed(delivery("n-2", "REMINDER_DUE_TODAY", "b@thanhha.example", "10813", "10813", NOW));

        assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(log.sentUnpublished()).extracting(Delivery::id).containsExactly("n-1");

        log.markPublished(List.of("n-1"));

        assertThat(log.sentUnpublished()).isEmpty();
        assertThat(log.find("n-1")).get().extracting(Delivery::published, Delivery::state)
                .containsExactly(true, DeliveryState.SENT);
    }

    @Test
    void aFailedDeliveryWithABackOffIsNotClaimedBeforeItsNextAttempt() {
        Delivery first = claimed(delivery("n-1", "REMINDER_DUE_TODAY", "https://ubnd.example/h", "10813", "10813",
                NOW));
        Instant nextAttempt = NOW.plus(Duration.ofSeconds(30));
        log.markFailed(first, "HTTP 503", nextAttempt, false);

        assertThat(log.find("n-1")).get().extracting(Delivery::state, Delivery::lastError, Delivery::nextAttemptAt)
                .containsExactly(DeliveryState.FAILED, "HTTP 503", nextAttempt);
        assertThat(log.claim(delivery("n-1", "REMINDER_DUE_TODAY", "https://ubnd.example/h", "10813", "10813",
                NOW.plusSeconds(29)), NOW.plusSeconds(29)))
                .isEqualTo(new DeliveryLog.Claim.Taken(DeliveryState.FAILED));
        var retry = log.claim(delivery("n-1", "REMINDER_DUE_TODAY", "https://ubnd.example/h", "10813", "10813",
                nextAttempt), nextAttempt);
        assertThat(retry).isInstanceOf(DeliveryLog.Claim.Claimed.class);
        assertThat(((DeliveryLog.Claim.Claimed) retry).delivery().attempts()).isEqualTo(2);
    }

    @Test
    void aDeliveryGivenUpIsNeverClaimedAgainAndAStaleHolderCannotRecordItsOutcome() {
        Delivery first = claimed(delivery("n-1", "REMINDER_DUE_TODAY", "https://ubnd.example/h", "10813", "10813",
                NOW));
        log.markFailed(first, "HTTP 410", null, true);

        Instant muchLater = NOW.plus(Duration.ofDays(2));
        assertThat(log.claim(delivery("n-1", "REMINDER_DUE_TODAY", "https://ubnd.example/h", "10813", "10813",
                muchLater), muchLater)).isEqualTo(new DeliveryLog.Claim.Taken(DeliveryState.GAVE_UP));

        Delivery notTheHolder = new Delivery(first.id(), first.obligationId(), first.kind(), first.channel(),
                first.recipient(), first.unitCode(), first.obligationUnitCode(), first.programme(), first.period(),
                first.subject(), first.body(), first.link(), first.state(), "another-token", first.claimedAt(), first.leaseUntil(),
                first.attempts(), null, null, false, first.createdAt(), null);
        assertThat(log.markSent(notTheHolder, muchLater)).isEmpty();
        assertThat(log.find("n-1")).get().extracting(Delivery::state).isEqualTo(DeliveryState.GAVE_UP);
    }
}
