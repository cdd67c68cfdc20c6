package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims that keep two dispatchers (two instances, or two runs) from sending the same notification. */
class DeliveryLogIT extends NotificationServiceTestSupport {

    static final Instant NOW = Instant.parse("2024-12-07T02:00:00Z");

    @Autowired
    DeliveryLog log;

    static Delivery attempt(Instant now) {
        return attempt("n-1", "vanthu@thanhha.example", now);
    }

    static Delivery attempt(String id, String recipient, Instant now) {
        return new Delivery(id, "HD-GDNN-ANNUAL|2024|10813", "REMINDER_3_DAYS_BEFORE", Channel.EMAIL,
                recipient, "10813", "10813", "HD-GDNN-ANNUAL", "2024", "subject", "body",
                "https://cascade.example/obligations/HD-GDNN-ANNUAL/2024/10813", DeliveryState.SENDING, UUID.randomUUID().toString(), now, now.plus(Duration.ofMinutes(2)), 1, null,
                null, false, now, null);
    }

    @Test
    void onlyTheFirstClaimOfADeliveryWins() {
        assertThat(log.claim(attempt(NOW), NOW)).isInstanceOf(DeliveryLog.Claim.Claimed.class);

        assertThat(log.claim(attempt(NOW), NOW)).isEqualTo(new DeliveryLog.Claim.Taken(DeliveryState.SENDING));
    }

    @Test
    void aSentDeliveryIsNeverClaimedAgain() {
        var claimed = ((DeliveryLog.Claim.Claimed) log.claim(attempt(NOW), NOW)).delivery();
        assertThat(log.markSent(claimed, NOW)).get().extracting(Delivery::state).isEqualTo(DeliveryState.SENT);

        Instant muchLater = NOW.plus(Duration.ofDays(3));
        assertThat(log.claim(attempt(muchLater), muchLater)).isEqualTo(new DeliveryLog.Claim.Taken(DeliveryState.SENT));
    }

    @Test
    void aFailedDeliveryIsTakenOverByExactlyOneClaimerAndOnlyItRecordsTheOutcome() {
        var first = ((DeliveryLog.Claim.Claimed) log.claim(attempt(NOW), NOW)).delivery();
        log.markFailed(first, "connection refused");

        var retry = log.claim(attempt(NOW), NOW);
        var concurrent = log.claim(attempt(NOW), NOW);

        assertThat(retry).isInstanceOf(DeliveryLog.Claim.Claimed.class);
        assertThat(((DeliveryLog.Claim.Claimed) retry).delivery().attempts()).isEqualTo(2);
        assertThat(concurrent).isEqualTo(new DeliveryLog.Claim.Taken(DeliveryState.SENDING));
        assertThat(log.markSent(first, NOW)).as("the first attempt's holder lost its claim").isEmpty();
        assertThat(log.markSent(((DeliveryLog.Claim.Claimed) retry).delivery(), NOW)).isPresent();
    }

    @Test
    void aSendingClaimWhoseLeaseRanOutIsTakenOver() {
        log.claim(attempt(NOW), NOW);
        Instant withinLease = NOW.plus(Duration.ofMinutes(1));
        Instant afterLease = NOW.plus(Duration.ofMinutes(3));

        assertThat(log.claim(attempt(withinLease), withinLease)).isInstanceOf(DeliveryLog.Claim.Taken.class);
        assertThat(log.claim(attempt(afterLease), afterLease)).isInstanceOf(DeliveryLog.Claim.Claimed.class);
    }

    @Test
    void aBatchIsClaimedAndRecordedInOneRoundTripEachWhileEachDeliveryKeepsItsOwnClaim() {
        var failed = ((DeliveryLog.Claim.Claimed) log.claim(attempt("n-1", "a@thanhha.example", NOW), NOW)).delivery();
        log.markFailed(failed, "connection refused");
        log.claim(attempt("n-2", "b@thanhha.example", NOW), NOW);

        List<DeliveryLog.Claim> claims = log.claimAll(List.of(attempt("n-1", "a@thanhha.example", NOW),
                attempt("n-2", "b@thanhha.example", NOW), attempt("n-3", "c@thanhha.example", NOW),
                attempt("n-4", "d@thanhha.example", NOW)), NOW);

        assertThat(claims.get(0)).as("failed before: taken over").isInstanceOf(DeliveryLog.Claim.Claimed.class);
        assertThat(((DeliveryLog.Claim.Claimed) claims.get(0)).delivery().attempts()).isEqualTo(2);
        assertThat(claims.get(1)).as("being sent by another")
                .isEqualTo(new DeliveryLog.Claim.Taken(DeliveryState.SENDING));
        assertThat(claims.get(2)).isInstanceOf(DeliveryLog.Claim.Claimed.class);
        assertThat(claims.get(3)).isInstanceOf(DeliveryLog.Claim.Claimed.class);
        Delivery n1 = ((DeliveryLog.Claim.Claimed) claims.get(0)).delivery();
        Delivery n3 = ((DeliveryLog.Claim.Claimed) claims.get(2)).delivery();
        Delivery n4 = ((DeliveryLog.Claim.Claimed) claims.get(3)).delivery();
        Instant afterLease = NOW.plus(Duration.ofMinutes(3));
        var takenOver = log.claim(attempt("n-4", "d@thanhha.example", afterLease), afterLease);
        assertThat(takenOver).as("n-4's lease ran out").isInstanceOf(DeliveryLog.Claim.Claimed.class);

        var marked = log.markSentAll(List.of(n1, n3, n4), afterLease);

        assertThat(marked.get(0)).get().extracting(Delivery::state, Delivery::sentAt, Delivery::attempts)
                .containsExactly(DeliveryState.SENT, afterLease, 2);
        assertThat(marked.get(1)).get().extracting(Delivery::state).isEqualTo(DeliveryState.SENT);
        assertThat(marked.get(2)).as("n-4's claim was lost").isEmpty();
        assertThat(log.find("n-1")).get().extracting(Delivery::state, Delivery::lastError)
                .containsExactly(DeliveryState.SENT, null);
        assertThat(log.find("n-3")).get().extracting(Delivery::state).isEqualTo(DeliveryState.SENT);
        String otherHolder = ((DeliveryLog.Claim.Claimed) takenOver).delivery().claimToken();
        assertThat(log.find("n-4")).get().extracting(Delivery::state, Delivery::claimToken)
                .containsExactly(DeliveryState.SENDING, otherHolder);
    }
}
