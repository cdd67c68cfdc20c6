package dev.cascade.benchmark;

import dev.cascade.platform.kafka.ConsumerLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** End offsets of the dead-letter topics ({@code *.dlq}): records the services gave up on count as errors. */
final class DeadLetters {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeadLetters() {
    }

    static Map<String, Long> endOffsets(String bootstrap) throws Exception {
        Map<String, Long> totals = new TreeMap<>();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.endsWith(".dlq")).sorted().toList();
            if (!topics.isEmpty()) {
                ConsumerLag.offsets(admin, topics, OffsetSpec.latest(), TIMEOUT)
                        .forEach((partition, end) -> totals.merge(partition.topic(), end, Long::sum));
            }
        }
        return totals;
    }

    /** How many records {@code topic} holds in all (the sum of its partitions' end offsets). */
    static long endOffset(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            return ConsumerLag.offsets(admin, List.of(topic), OffsetSpec.latest(), TIMEOUT).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    /**
     * How many records of {@code topic} each consumer group has not consumed yet (a partition without a committed
     * offset counts in full). The services must have read every unit before a national plan is issued: a plan whose
     * reporting units are not known yet is retried for a while and then dead-lettered.
     */
    static Map<String, Long> lag(String bootstrap, String topic, List<String> groups) throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            Map<TopicPartition, Long> ends = ConsumerLag.offsets(admin, List.of(topic), OffsetSpec.latest(), TIMEOUT);
            for (String group : groups) {
                lag.put(group, ConsumerLag.behind(ends, Map.of(), ConsumerLag.committed(admin, group, TIMEOUT)));
            }
        }
        return lag;
    }

    /** How many records of {@code topic}, read from its beginning to its current end, have key {@code key}. */
    static long recordsWithKey(String bootstrap, String topic, String key) {
        Map<String, Object> config = KafkaClients.admin(bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long found = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    /** Records added to each dead-letter topic between two snapshots (only topics that grew). */
    static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((topic, end) -> {
            long added = end - before.getOrDefault(topic, 0L);
            if (added > 0) {
                grown.put(topic, added);
            }
        });
        return grown;
    }
}
