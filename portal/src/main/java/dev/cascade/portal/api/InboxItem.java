package dev.cascade.portal.api;

import java.time.Instant;

/** An item of a person's inbox (notification-service). */
public record InboxItem(String id, String kind, String unitCode, String obligationId, String obligationUnitCode,
                        String programme, String period, String subject, String text, String link, Instant createdAt,
                        boolean read, Instant readAt) {
}
