package dev.cascade.aggregation.rollup.engine;

import dev.cascade.contracts.CloudEventHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Sends a pending event to Kafka with its CloudEvents headers and key. The producer is synchronous
 * ({@code spring.cloud.stream.kafka.default.producer.sync}), so a return means the broker has the record.
 */
@Component
public class EventSender {

    static final String SOURCE = "/cascade/aggregation-service";

    private final StreamBridge bridge;

    EventSender(StreamBridge bridge) {
        this.bridge = bridge;
    }

    public void send(PendingEvent event) {
        var message = MessageBuilder.withPayload(event.payload().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(CloudEventHeaders.of(event.eventId(), event.type(), SOURCE, event.subject(), event.time()))
                .setHeader(KafkaHeaders.KEY, event.key())
                .build();
        if (!bridge.send(event.topic(), message)) {
            throw new IllegalStateException("could not send " + event.type() + " " + event.eventId());
        }
    }
}
