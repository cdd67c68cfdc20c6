package dev.cascade.notification.delivery;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvents;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code cascade.notification.sent} on {@code cascade.notifications.v1}, keyed by the unit whose staff
 * received the notification. The CloudEvents id is the notification id, so a re-publication is recognisably the
 * same event. The delivery log marks it published once the broker has acknowledged it.
 */
@Component
@RequiredArgsConstructor
public class NotificationSentPublisher {

    /** The kind of a daily digest: it is about many obligations, so its event names none. */
    public static final String DIGEST = "DIGEST";

    private final EventProducer producer;
    private final OutboxEvents events;

    public static NotificationSent event(Delivery delivery) {
        return new NotificationSent(delivery.id(), delivery.kind(), delivery.channel().name(), delivery.recipient(),
                delivery.unitCode(), DIGEST.equals(delivery.kind()) ? null : delivery.obligationId(),
                delivery.programme(), delivery.period(),
                delivery.subject(), delivery.sentAt());
    }

    /** Sends and waits for the broker's acknowledgement; throws if it fails. */
    public void publish(Delivery delivery) {
        NotificationSent event = event(delivery);
        producer.sendAndWait(events.composeWithId(event.notificationId(), EventTypes.NOTIFICATION_SENT,
                Topics.NOTIFICATIONS, event.unitCode(), event.notificationId(), event.sentAt(), event));
    }
}
