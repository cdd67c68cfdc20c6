package dev.cascade.notification.delivery;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.NotificationSent;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@code cascade.notification.sent} on {@code cascade.notifications.v1}, keyed by the unit whose staff
 * received the notification. The CloudEvents id is the notification id, so a re-publication is recognisably the
 * same event.
 */
@Component
public class NotificationSentPublisher {

    static final String SOURCE = "/cascade/notification-service";
    /** The kind of a daily digest: it is about many obligations, so its event names none. */
    public static final String DIGEST = "DIGEST";

    private final StreamBridge bridge;
    private final JsonMapper json;

    public NotificationSentPublisher(StreamBridge bridge, JsonMapper json) {
        this.bridge = bridge;
        this.json = json;
    }

    public static NotificationSent event(Delivery delivery) {
        return new NotificationSent(delivery.id(), delivery.kind(), delivery.channel().name(), delivery.recipient(),
                delivery.unitCode(), DIGEST.equals(delivery.kind()) ? null : delivery.obligationId(),
                delivery.programme(), delivery.period(),
                delivery.subject(), delivery.sentAt());
    }

    /** The exact bytes published. */
    public byte[] serialize(NotificationSent event) {
        return json.writeValueAsBytes(event);
    }

    public Message<byte[]> message(NotificationSent event) {
        return MessageBuilder.withPayload(serialize(event))
                .copyHeaders(CloudEventHeaders.of(event.notificationId(), EventTypes.NOTIFICATION_SENT, SOURCE,
                        event.notificationId(), event.sentAt()))
                .setHeader(KafkaHeaders.KEY, event.unitCode())
                .build();
    }

    /** Sends and waits for the broker's acknowledgement (the producer is synchronous); throws if it fails. */
    public void publish(Delivery delivery) {
        if (!bridge.send(Topics.NOTIFICATIONS, message(event(delivery)))) {
            throw new IllegalStateException("NotificationSent " + delivery.id() + " was not accepted for sending");
        }
    }
}
