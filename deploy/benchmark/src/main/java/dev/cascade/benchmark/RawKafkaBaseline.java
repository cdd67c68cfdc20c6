package dev.cascade.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Raw Kafka on the same broker: the same records (the report bodies, keyed by commune) produced to a scratch topic
 * {@code benchmark.raw.<run>} with the stack's partition count and default producer settings (acks=all,
 * idempotent), then consumed from the beginning to the end offsets the produce left. The topic is deleted afterwards.
 */
final class RawKafkaBaseline {

    record Result(int records, double averageBytes, double produceSeconds, double consumeSeconds) {

        double producePerSecond() {
            return records / produceSeconds;
        }

        double consumePerSecond() {
            return records / consumeSeconds;
        }

        /** Records through the broker per second, produce then consume (one record's full path). */
        double produceConsumePerSecond() {
            return records / (produceSeconds + consumeSeconds);
        }
    }

    private static final int ATTEMPTS = 3;

    private RawKafkaBaseline() {
    }

    /**
     * Measures on a new topic, deleted afterwards. A measurement in which the broker refused sends (seen under load:
     * a request timed out and the idempotent producer's retry was out of sequence) is made again on a fresh topic, up
     * to {@value #ATTEMPTS} times, so that a baseline never counts records that were lost.
     */
    static Result run(String bootstrap, String topic, int partitions, List<String> keys, List<byte[]> values)
            throws Exception {
        IllegalStateException failed = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String name = attempt == 1 ? topic : topic + "-" + attempt;
            try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
                try {
                    return measure(bootstrap, name, partitions, keys, values);
                } catch (IllegalStateException e) {
                    failed = e;
                    System.out.println("Raw Kafka baseline, attempt " + attempt + " of " + ATTEMPTS + ": "
                            + e.getMessage());
                } finally {
                    admin.deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
                }
            }
        }
        throw failed;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Result measure(String bootstrap, String topic, int partitions, List<String> keys,
                                  List<byte[]> values) throws Exception {
        long bytes = 0;
        for (byte[] value : values) {
            bytes += value.length;
        }
        long produceStart;
        long produceEnd;
        Map<String, Object> producerConfig = KafkaClients.admin(bootstrap);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "cascade-benchmark-raw");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig,
                new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts
            produceStart = System.nanoTime();
            AtomicInteger refused = new AtomicInteger();
            AtomicReference<Exception> firstRefusal = new AtomicReference<>();
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)), (metadata, error) -> {
                    if (error != null) {
                        refused.incrementAndGet();
                        firstRefusal.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            produceEnd = System.nanoTime();
            if (refused.get() > 0) {
                throw new IllegalStateException("the broker refused " + refused.get() + " of " + values.size()
                        + " sends: " + firstRefusal.get());
            }
        }
        long consumeStart;
        long consumeEnd;
        Map<String, Object> consumerConfig = KafkaClients.admin(bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "cascade-benchmark-raw");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            assigned.forEach(consumer::position);
            // read to the end offsets the produce left, not to a count: the consumer stops exactly at the last record
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            long held = end.values().stream().mapToLong(Long::longValue).sum();
            if (held != values.size()) {
                throw new IllegalStateException("the topic holds " + held + " records after " + values.size()
                        + " acknowledged sends");
            }
            consumeStart = System.nanoTime();
            int consumed = 0;
            long deadline = consumeStart + TimeUnit.SECONDS.toNanos(120);
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(100)).count();
            }
            consumeEnd = System.nanoTime();
            if (!reached(consumer, end)) {
                throw new IllegalStateException("raw consumer read " + consumed + " of " + values.size()
                        + " within 120 s");
            }
        }
        return new Result(values.size(), (double) bytes / values.size(), (produceEnd - produceStart) / 1e9,
                (consumeEnd - consumeStart) / 1e9);
    }
}
