package dev.cascade.report.outbox;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Sends one event to its topic and returns only once the broker has acknowledged it; any failure is thrown.
 */
@Component
public class EventSender {

    public static final String SOURCE = "/cascade/report-service";

    private static final Set<String> TOPICS = Set.of(Topics.REPORTS, Topics.OBLIGATIONS);

    private final EventProducer producer;

    public EventSender(EventProducer producer) {
        this.producer = producer;
    }

    public void send(OutboxEvent event) {
        if (!TOPICS.contains(event.topic())) {
            throw new IllegalArgumentException("report-service does not publish to " + event.topic());
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                event.payload().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.of(event.eventId(), event.type(), SOURCE, event.subject(), event.time())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.sendAndWait(record);
    }
}
