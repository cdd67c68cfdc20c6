package dev.cascade.report.outbox;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Sends one event to its topic and returns only once the broker has acknowledged it (producers are {@code sync});
 * any failure is thrown.
 */
@Component
public class EventSender {

    public static final String SOURCE = "/cascade/report-service";

    private static final Set<String> TOPICS = Set.of(Topics.REPORTS, Topics.OBLIGATIONS);

    private final StreamBridge bridge;

    public EventSender(StreamBridge bridge) {
        this.bridge = bridge;
    }

    public void send(OutboxEvent event) {
        if (!TOPICS.contains(event.topic())) {
            throw new IllegalArgumentException("report-service does not publish to " + event.topic());
        }
        Message<byte[]> message = MessageBuilder.withPayload(event.payload().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(CloudEventHeaders.of(event.eventId(), event.type(), SOURCE, event.subject(), event.time()))
                .setHeader(KafkaHeaders.KEY, event.key())
                .build();
        if (!bridge.send(event.topic(), message)) {
            throw new IllegalStateException("broker did not take event " + event.eventId() + " (" + event.type() + ")");
        }
    }
}
