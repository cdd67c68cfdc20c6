package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Sends a poison record of a batch binding to {@code <topic>.dlq} itself (batch mode leaves per-record dead-lettering
 * to the application): same key, same payload bytes, its CloudEvents type, and the reason in {@code x-exception-message}.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    public static final String REASON_HEADER = "x-exception-message";

    private final StreamBridge bridge;

    public void send(String topic, String key, String type, byte[] payload, Map<String, ?> headers, Exception reason) {
        String dlq = Topics.deadLetter(topic);
        log.warn("dead-lettering a record of {} (key {}, type {}) to {}: {}", topic, key, type, dlq, reason.toString());
        var message = MessageBuilder.withPayload(payload == null ? new byte[0] : payload)
                .setHeader(KafkaHeaders.KEY, key)
                .setHeader(REASON_HEADER, String.valueOf(reason.getMessage()));
        if (type != null) {
            message.setHeader(CloudEventHeaders.TYPE, type);
        }
        String id = headers == null ? null : CloudEventHeaders.attribute(headers, CloudEventHeaders.ID);
        if (id != null) {
            message.setHeader(CloudEventHeaders.ID, id);
        }
        if (!bridge.send(dlq, message.build())) {
            throw new IllegalStateException("could not dead-letter a record of " + topic + " to " + dlq);
        }
    }
}
