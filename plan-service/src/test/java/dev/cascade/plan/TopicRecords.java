package dev.cascade.plan;

import dev.cascade.platform.test.TopicContents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything on a topic of the embedded broker up to its current end, read with a fresh consumer. */
final class TopicRecords {

    private TopicRecords() {
    }

    static List<ConsumerRecord<String, String>> read(EmbeddedKafkaBroker broker, String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "plan-service-test", false);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            return TopicContents.readToEnd(consumer, topic, Duration.ofSeconds(30));
        }
    }

    static long endOffset(EmbeddedKafkaBroker broker, String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "plan-service-test", false);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
