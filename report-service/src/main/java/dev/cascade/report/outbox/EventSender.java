package dev.cascade.report.outbox;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends one event to Kafka and returns only once the broker has acknowledged it (the output bindings are
 * {@code sync}); any failure is thrown.
 */
@Component
public class EventSender {

    public static final String SOURCE = "/cascade/report-service";

    private static final Map<String, String> BINDING_OF_TOPIC = Map.of(
            Topics.REPORTS, "reportEvents",
            Topics.OBLIGATIONS, "obligationEvents");

    private final StreamBridge bridge;

    public EventSender(StreamBridge bridge) {
        this.bridge = bridge;
    }

    public void send(OutboxEvent event) {
        String binding = BINDING_OF_TOPIC.get(event.topic());
        if (binding == null) {
            throw new IllegalArgumentException("report-service does not publish to " + event.topic());
        }
        Message<byte[]> message = MessageBuilder.withPayload(event.payload().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(CloudEventHeaders.of(event.eventId(), event.type(), SOURCE, event.subject(), event.time()))
                .setHeader(KafkaHeaders.KEY, event.key())
                .build();
        if (!bridge.send(binding, message)) {
            throw new IllegalStateException("broker did not take event " + event.eventId() + " (" + event.type() + ")");
        }
    }
}
