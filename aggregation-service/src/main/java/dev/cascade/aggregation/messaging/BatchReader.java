package dev.cascade.aggregation.messaging;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.rollup.engine.DeadLetters;
import dev.cascade.aggregation.rollup.engine.InboundContribution;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.platform.kafka.CloudEventReader;
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
import java.util.function.BiFunction;

/**
 * Reads a batch of records (batch mode: one payload list, headers as lists in record order): roll-up inputs, or
 * events of one payload type (units). Each record of an accepted {@code ce_type} is deserialized; other types are
 * skipped; a record whose JSON is malformed is sent to its topic's dead-letter topic at once and the rest of the batch
 * goes on.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class BatchReader {

    private static final Logger log = LoggerFactory.getLogger(BatchReader.class);

    private final JsonMapper json;
    private final CloudEventReader events;
    private final DeadLetters deadLetters;

    /** One record of a batch as read: its position in the batch and its payload. */
    record Read<T>(int index, T event) {
    }

    /** The roll-up inputs of a batch of {@code acceptedTypes}. */
    List<InboundContribution> read(Message<List<byte[]>> batch, String defaultTopic, String... acceptedTypes) {
        return read(batch, defaultTopic, (type, payload) -> json.readValue(payload,
                        InboundContribution.payloadClass(type)),
                (record, event) -> new InboundContribution(record.type(), record.topic(), record.key(),
                        record.payload(), event, record.index(), traceparent(record.headers())), acceptedTypes);
    }

    /**
     * The events of a batch of {@code acceptedTypes}, all with the payload {@code payloadType}, read as
     * {@link CloudEventReader} reads a single record (fields the service does not know are ignored).
     */
    <T> List<Read<T>> read(Message<List<byte[]>> batch, String defaultTopic, Class<T> payloadType,
                           String... acceptedTypes) {
        return read(batch, defaultTopic, (type, payload) -> events.payload(payload, payloadType),
                (record, event) -> new Read<>(record.index(), payloadType.cast(event)), acceptedTypes);
    }

    private record RecordOf(String type, String topic, String key, byte[] payload, Map<String, Object> headers,
                            int index) {
    }

    @SuppressWarnings("unchecked")
    private <R> List<R> read(Message<List<byte[]>> batch, String defaultTopic,
                             BiFunction<String, byte[], Object> payloadOf, BiFunction<RecordOf, Object, R> result,
                             String... acceptedTypes) {
        Set<String> accepted = Set.of(acceptedTypes);
        List<byte[]> payloads = batch.getPayload();
        log.debug("batch of {} records, headers {}, failures {}", payloads.size(), batch.getHeaders().keySet(),
                batch.getHeaders().get("kafka_conversionFailures"));
        List<Map<String, Object>> headers = (List<Map<String, Object>>) batch.getHeaders()
                .get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Object> keys = (List<Object>) batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<String> topics = (List<String>) batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<R> inputs = new ArrayList<>(payloads.size());
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
                Object event = payloadOf.apply(type, payload);
                inputs.add(result.apply(new RecordOf(type, topic, key, payload, recordHeaders, i), event));
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
