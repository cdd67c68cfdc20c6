package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.contact.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims that keep two dispatchers (two instances, or two runs) from sending the same notification. */
class DeliveryLogIT extends NotificationServiceTestSupport {

    static final Instant NOW = Instant.parse("2024-12-07T02:00:00Z");

    @Autowired
    DeliveryLog log;

    static Delivery attempt(Instant now) {
        return new Delivery("n-1", "HD-GDNN-ANNUAL|2024|10813", "REMINDER_3_DAYS_BEFORE", Channel.EMAIL,
                "vanthu@thanhha.example", "10813", "10813", "HD-GDNN-ANNUAL", "2024", "subject", "body",
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
}
