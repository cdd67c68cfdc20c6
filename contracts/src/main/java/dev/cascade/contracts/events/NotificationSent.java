package dev.cascade.contracts.events;

import java.time.Instant;

/**
 * A notification was delivered. Keyed by {@link #unitCode()}, the unit whose staff received it.
 *
 * @param kind    e.g. {@code REMINDER_3_DAYS_BEFORE}, {@code ESCALATION}, {@code DIGEST}
 * @param channel {@code EMAIL}, {@code WEBHOOK} or {@code INBOX}
 */
public record NotificationSent(String notificationId, String kind, String channel, String recipient,
                               String unitCode, String obligationId, String programme, String period,
                               String subject, Instant sentAt) {
}
