package dev.cascade.notification.delivery;

import dev.cascade.notification.contact.Channel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of the delivery log: one notification of one kind for one obligation (and deadline) to one recipient. A
 * unique index on (obligationId, kind, channel, recipient, deadline) makes it exist at most once; it is claimed
 * (inserted) before it is sent.
 *
 * @param id                 the notification id, derived from the unique key (so the same delivery always has the same id)
 * @param unitCode           the unit whose staff receive it (the parent unit for an escalation)
 * @param obligationUnitCode the unit that owes the report
 * @param link               the page of the portal where the recipient acts, as in the body ({@link PortalLinks});
 *                           {@code null} in an entry written before messages carried links
 * @param claimToken         who holds the current attempt; only its holder may record the outcome
 * @param leaseUntil         until when the current SENDING attempt belongs to its holder
 * @param published          NotificationSent has been acknowledged by the broker
 * @param nextAttemptAt      after a failed attempt: not tried again before this instant (the channel's back-off);
 *                           {@code null} means at the next dispatch
 * @param deadline           for a reminder of a deadline moved by an amendment, that deadline (a reminder of each kind
 *                           goes out once per deadline); {@code null} for the obligation's first deadline, for a
 *                           digest and in an entry written before deadlines could move
 */
@Document("deliveries")
public record Delivery(@Id String id, String obligationId, String kind, Channel channel, String recipient,
                       String unitCode, String obligationUnitCode, String programme, String period,
                       String subject, String body, String link, DeliveryState state, String claimToken, Instant claimedAt,
                       Instant leaseUntil, int attempts, Instant sentAt, String lastError, boolean published,
                       Instant createdAt, Instant nextAttemptAt, LocalDate deadline) {

    /** An entry for an obligation's first deadline, or a digest. */
    public Delivery(String id, String obligationId, String kind, Channel channel, String recipient, String unitCode,
                    String obligationUnitCode, String programme, String period, String subject, String body,
                    String link, DeliveryState state, String claimToken, Instant claimedAt, Instant leaseUntil,
                    int attempts, Instant sentAt, String lastError, boolean published, Instant createdAt,
                    Instant nextAttemptAt) {
        this(id, obligationId, kind, channel, recipient, unitCode, obligationUnitCode, programme, period, subject, body,
                link, state, claimToken, claimedAt, leaseUntil, attempts, sentAt, lastError, published, createdAt,
                nextAttemptAt, null);
    }
}
