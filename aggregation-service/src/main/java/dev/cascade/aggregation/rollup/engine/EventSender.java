package dev.cascade.aggregation.rollup.engine;

import dev.cascade.contracts.CloudEventHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Sends a pending event to Kafka with its CloudEvents headers and key, and returns once the broker has the record.
 */
@Component
public class EventSender {

    static final String SOURCE = "/cascade/aggregation-service";

    private final EventProducer producer;

    EventSender(EventProducer producer) {
        this.producer = producer;
    }

    public void send(PendingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                event.payload().getBytes(StandardCharsets.UTF_8));
        CloudEventHeaders.of(event.eventId(), event.type(), SOURCE, event.subject(), event.time())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.sendAndWait(record);
    }
}
