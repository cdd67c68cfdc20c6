package dev.cascade.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a topic from the start, as an outside consumer would, for the trace of one record. */
final class TopicTraces {

    private TopicTraces() {
    }

    /**
     * @param fragments text the record's value contains, all of them
     * @return the {@code traceparent} header of the first such record, or {@code null} (none within 30 s)
     */
    static String of(Map<String, Object> client, String topic, String... fragments) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-trace-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (Arrays.stream(fragments).allMatch(record.value()::contains)) {
                        Header traceparent = record.headers().lastHeader("traceparent");
                        return traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        }
    }
}
