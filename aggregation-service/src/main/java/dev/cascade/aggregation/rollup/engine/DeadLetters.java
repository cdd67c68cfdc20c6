package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.cascade.platform.kafka.DeadLetterSender;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a poison record of a batch binding to {@code <topic>.dlq} (batch mode leaves per-record dead-lettering to the
 * application) through platform's {@link DeadLetterSender}: same key, same payload bytes, its CloudEvents type and id,
 * and the reason in {@code x-exception-message}.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterSender sender;

    /** A roll-up input that can never apply: the record it came from, as it was consumed or parked. */
    void send(InboundContribution input, RuntimeException reason) {
        send(input.topic(), input.key(), input.type(), input.payload(), null, reason);
    }

    public void send(String topic, String key, String type, byte[] payload, Map<String, ?> headers, Exception reason) {
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
        sender.send(topic, key, payload, kept, reason);
    }
}
