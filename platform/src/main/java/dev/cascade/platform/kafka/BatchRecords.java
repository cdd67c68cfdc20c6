package dev.cascade.platform.kafka;

import dev.cascade.contracts.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The records of a batch binding's message (batch mode with {@code use-native-decoding}: one list of payloads, the
 * headers, keys and topics as lists in record order), one at a time. A record of an accepted CloudEvents type is read
 * by the caller; a record of any other type is skipped; a record without a payload, or whose JSON the caller cannot
 * read ({@link JacksonException}), is sent to its topic's dead-letter topic at once ({@link DeadLetterSender#sendEvent})
 * and left out, so the rest of the batch goes on. A listener names a record that fails later by its
 * {@link Record#index()} ({@link org.springframework.kafka.listener.BatchListenerFailedException}).
 */
public class BatchRecords {

    private static final Logger log = LoggerFactory.getLogger(BatchRecords.class);

    private final DeadLetterSender deadLetters;

    public BatchRecords(DeadLetterSender deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** One record of a batch: its position in the batch, CloudEvents type, topic, key, payload and headers. */
    public record Record(int index, String type, String topic, String key, byte[] payload,
                         Map<String, Object> headers) {

        /** A header's value as text (a String as it is, bytes as UTF-8), or {@code null} without it. */
        public String header(String name) {
            Object value = headers.get(name);
            return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : value == null ? null : value.toString();
        }
    }

    /**
     * What {@code reading} makes of each record of {@code acceptedTypes}, in record order.
     *
     * @param defaultTopic the topic of a record whose topic the batch does not name
     * @throws IllegalStateException when a record could not be dead-lettered (the broker did not acknowledge it)
     */
    @SuppressWarnings("unchecked")
    public <R> List<R> read(Message<List<byte[]>> batch, String defaultTopic, Set<String> acceptedTypes,
                            Function<Record, R> reading) {
        List<byte[]> payloads = batch.getPayload();
        log.debug("batch of {} records, headers {}", payloads.size(), batch.getHeaders().keySet());
        List<Map<String, Object>> headers = (List<Map<String, Object>>) batch.getHeaders()
                .get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Object> keys = (List<Object>) batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        List<String> topics = (List<String>) batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<R> read = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Map<String, Object> recordHeaders = headers == null ? Map.of() : headers.get(i);
            String type = CloudEventHeaders.attribute(recordHeaders, CloudEventHeaders.TYPE);
            String key = keys == null || keys.get(i) == null ? null : keys.get(i).toString();
            String topic = topics == null ? defaultTopic : topics.get(i);
            if (type == null || !acceptedTypes.contains(type)) {
                log.debug("skipping event of type {} on {}", type, topic);
                continue;
            }
            byte[] payload = payloads.get(i);
            if (payload == null || payload.length == 0) {
                deadLetters.sendEvent(topic, key, type, payload, recordHeaders,
                        new IllegalArgumentException("a " + type + " record without a payload"));
                continue;
            }
            try {
                read.add(reading.apply(new Record(i, type, topic, key, payload, recordHeaders)));
            } catch (JacksonException malformed) {
                deadLetters.sendEvent(topic, key, type, payload, recordHeaders, malformed);
            }
        }
        return read;
    }
}
