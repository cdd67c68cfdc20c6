package dev.cascade.notification.delivery;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.platform.outbox.EventProducer;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import org.springframework.stereotype.Component;

import java.util.List;

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

    /** Sends all, then waits for the broker's acknowledgements once: which were acknowledged, in the order given. */
    public EventProducer.Acks publishAll(List<Delivery> deliveries) {
        return producer.sendAll(deliveries.stream().map(this::compose).toList());
    }

    private OutboxEvent compose(Delivery delivery) {
        NotificationSent event = event(delivery);
        return events.composeWithId(event.notificationId(), EventTypes.NOTIFICATION_SENT, Topics.NOTIFICATIONS,
                event.unitCode(), event.notificationId(), event.sentAt(), event);
    }
}
