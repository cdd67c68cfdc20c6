package dev.cascade.aggregation;

import dev.cascade.contracts.Topics;
import dev.cascade.platform.kafka.ConsumerLag;
import dev.cascade.contracts.CloudEventHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A plain Kafka client for the tests: sends CloudEvents records the way any producer would (raw UTF-8 headers) and
 * collects what the service publishes.
 */
final class KafkaTopicProbe implements AutoCloseable {

    private final String brokers;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    KafkaTopicProbe(String brokers, List<String> topicsToWatch) {
        this.brokers = brokers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topicsToWatch);
    }

    void send(String topic, String key, String type, byte[] payload) {
        var record = new ProducerRecord<String, byte[]>(topic, key, payload);
        CloudEventHeaders.of(UUID.randomUUID().toString(), type, "/test", key, Instant.parse("2024-12-04T02:15:00Z"))
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls once and returns every record seen so far on the watched topics. */
    List<ConsumerRecord<String, String>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    List<ConsumerRecord<String, String>> seen(String topic, String key) {
        return poll().stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The consumer group of {@code binding} (units, plans, reports, rollups) when the service's bindings are named
     * after {@code base}: the report path's two bindings have groups of their own, as in aggregation-service.yml.
     */
    static String group(String base, String binding) {
        return switch (binding) {
            case "reports", "rollups" -> base + "-" + binding;
            default -> base;
        };
    }

    /**
     * Whether the service whose groups are named after {@code base} has committed every record of each topic (each
     * record was processed), each topic read through the group of its binding.
     */
    boolean caughtUp(String base, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            for (String topic : topics) {
                String group = group(base, topic.equals(Topics.REPORTS) ? "reports"
                        : topic.equals(Topics.ROLLUP) ? "rollups" : "other");
                Map<TopicPartition, Long> ends = ConsumerLag.offsets(admin, List.of(topic), OffsetSpec.latest(),
                        Duration.ofSeconds(30));
                ends.values().removeIf(end -> end == 0);
                if (!ConsumerLag.caughtUp(ends, ConsumerLag.committed(admin, group, Duration.ofSeconds(30)))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
