package dev.cascade.platform.kafka;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one record a consumer cannot apply to {@code <topic>.dlq} itself, where a binding does not (a batch binding
 * leaves dead-lettering record by record to the application): the same key and payload bytes, the headers given, and
 * the reason in {@value ConsumerErrorHandling#REASON_HEADER} as the bindings' own dead letters carry it. It goes
 * through the producer of the bindings' dead letters and waits for the broker's acknowledgement.
 */
public class DeadLetterSender {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterSender.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaOperations<Object, Object> producer;

    public DeadLetterSender(KafkaOperations<Object, Object> producer) {
        this.producer = producer;
    }

    /**
     * Sends a consumed record that can never apply, with its CloudEvents type ({@code type}, may be {@code null}) and
     * id (from {@code headers}, which may be {@code null}) as its only headers beside the reason, and logs it.
     *
     * @throws IllegalStateException when the broker did not acknowledge it: the caller's record is then retried
     */
    public void sendEvent(String topic, String key, String type, byte[] payload, Map<String, ?> headers,
                          Exception reason) {
        log.warn("dead-lettering a record of {} (key {}, type {}) to {}: {}", topic, key, type,
                Topics.deadLetter(topic), reason.toString());
        Map<String, String> kept = new LinkedHashMap<>();
        if (type != null) {
            kept.put(CloudEventHeaders.TYPE, type);
        }
        String id = headers == null ? null : CloudEventHeaders.attribute(headers, CloudEventHeaders.ID);
        if (id != null) {
            kept.put(CloudEventHeaders.ID, id);
        }
        send(topic, key, payload, kept, reason);
    }

    /** @throws IllegalStateException when the broker did not acknowledge it: the caller's record is then retried */
    public void send(String topic, String key, byte[] payload, Map<String, String> headers, Exception reason) {
        String deadLetter = Topics.deadLetter(topic);
        ProducerRecord<Object, Object> record = new ProducerRecord<>(deadLetter, key,
                payload == null ? new byte[0] : payload);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(ConsumerErrorHandling.REASON_HEADER,
                Failures.describe(reason).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter a record of " + topic + " to " + deadLetter, e);
        }
    }
}
