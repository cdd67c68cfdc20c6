package dev.cascade.aggregation.messaging;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.rollup.engine.DeadLetters;
import dev.cascade.aggregation.rollup.engine.InboundContribution;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.platform.tracing.TraceParents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a batch of records (batch mode: one payload list, headers as lists in record order). Each record of an
 * accepted {@code ce_type} is deserialized; other types are skipped; a record whose JSON is malformed is sent to its
 * topic's dead-letter topic at once and the rest of the batch goes on.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class BatchReader {

    private static final Logger log = LoggerFactory.getLogger(BatchReader.class);

    private final JsonMapper json;
    private final DeadLetters deadLetters;

    @SuppressWarnings("unchecked")
    List<InboundContribution> read(Message<List<byte[]>> batch, String defaultTopic, String... acceptedTypes) {
        Set<String> accepted = Set.of(acceptedTypes);
        List<byte[]> payloads = batch.getPayload();
        log.debug("batch of {} records, headers {}, failures {}", payloads.size(), batch.getHeaders().keySet(),
                batch.getHeaders().get("kafka_conversionFailures"));
        List<Map<String, Object>> headers = (List<Map<String, Object>>) batch.getHeaders()
                .get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Object> keys = (List<Object>) batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<String> topics = (List<String>) batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<InboundContribution> inputs = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Map<String, Object> recordHeaders = headers == null ? Map.of() : headers.get(i);
            String type = CloudEventHeaders.attribute(recordHeaders, CloudEventHeaders.TYPE);
            String key = keys == null || keys.get(i) == null ? null : keys.get(i).toString();
            String topic = topics == null ? defaultTopic : topics.get(i);
            if (type == null || !accepted.contains(type)) {
                log.debug("skipping event of type {} on {}", type, topic);
                continue;
            }
            byte[] payload = payloads.get(i);
            if (payload == null || payload.length == 0) {
                deadLetters.send(topic, key, type, payload, recordHeaders,
                        new IllegalArgumentException("a " + type + " record without a payload"));
                continue;
            }
            try {
                Object event = json.readValue(payload, InboundContribution.payloadClass(type));
                inputs.add(new InboundContribution(type, topic, key, payload, event, i, traceparent(recordHeaders)));
            } catch (JacksonException malformed) {
                deadLetters.send(topic, key, type, payload, recordHeaders, malformed);
            }
        }
        return inputs;
    }

    private static String traceparent(Map<String, Object> headers) {
        Object value = headers.get(TraceParents.HEADER);
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }
}
