package dev.cascade.platform.test;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What is on a topic: its records up to its current end, read by a consumer of the caller's. */
public final class TopicContents {

    private TopicContents() {
    }

    /**
     * Every record of {@code topic} up to its current end, in offset order per partition: {@code consumer} is
     * assigned all of the topic's partitions from their beginning. Fails if it takes longer than {@code patience}.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readToEnd(Consumer<K, V> consumer, String topic,
                                                              Duration patience) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " up to " + end + " within " + patience);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
