package dev.cascade.notification.inbox;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One notification in a user's in-app inbox. Its id is the notification id of the delivery, so delivering it twice
 * is one item.
 *
 * @param link   the page of the portal where the user acts, the one the text names ({@code PortalLinks});
 *               {@code null} in an item stored before items carried links
 * @param readAt when the user marked it read; {@code null} while unread
 */
@Document("inbox")
public record InboxItem(@Id String id, String user, String kind, String unitCode, String obligationId,
                        String obligationUnitCode, String programme, String period, String subject, String text,
                        String link, Instant createdAt, Instant readAt) {

    public boolean read() {
        return readAt != null;
    }
}
