package dev.cascade.local;

import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code cascade.aggregates.v1} from offset 0 the way an outside consumer (the ministry) would, keeping the
 * highest version per key: the national picture rebuilt from the stream alone.
 */
final class AggregateStream implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private final Map<String, String> traceparents = new ConcurrentHashMap<>();

    /** @param client bootstrap servers and credential: the ministry's, with a group of its prefix */
    AggregateStream(Map<String, Object> client) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaCredentials.MINISTRY_GROUP_PREFIX + "system-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.AGGREGATES));
    }

    /** Polls once and folds what arrived into the picture. Call it from an await loop. */
    Map<String, JsonNode> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode aggregate = json.readTree(record.value());
            JsonNode kept = latest.merge(record.key(), aggregate,
                    (old, neu) -> neu.path("version").asLong() >= old.path("version").asLong() ? neu : old);
            Header traceparent = record.headers().lastHeader("traceparent");
            if (kept == aggregate && traceparent != null) {
                traceparents.put(record.key(), new String(traceparent.value(), StandardCharsets.UTF_8));
            }
        }
        return latest;
    }

    JsonNode get(String key) {
        return latest.get(key);
    }

    /** The W3C {@code traceparent} header of the record that brought the latest version of {@code key}. */
    String traceparent(String key) {
        return traceparents.get(key);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
