package dev.cascade.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far a consumer group is behind its topics, from the broker's offsets (Kafka's {@link Admin} API): the one
 * reading behind the services' start order ({@link BindingStartOrder}), the local stack's "Ready" and the benchmark's
 * waits.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * The offset {@code spec} names of every partition of {@code topics}: with {@link OffsetSpec#latest()} their ends,
     * with {@link OffsetSpec#earliest()} their first records still kept. A topic that does not exist fails the call
     * (an {@link ExecutionException} caused by {@code UnknownTopicOrPartitionException}).
     */
    public static Map<TopicPartition, Long> offsets(Admin admin, Collection<String> topics, OffsetSpec spec,
                                                    Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription description : admin.describeTopics(topics).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()) {
            description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()),
                    spec));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (!request.isEmpty()) {
            admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> offsets.put(partition, info.offset()));
        }
        return offsets;
    }

    /** The offsets {@code group} has committed, by partition; empty for a group that has committed none. */
    public static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Records of {@code ends}' partitions not read yet: per partition, its end less the offset committed there, or
     * less its start ({@code starts}, 0 when not given) where nothing was committed or an offset below it (records
     * gone by retention or compaction cannot be read); never less than 0 for a partition.
     */
    public static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts,
                              Map<TopicPartition, OffsetAndMetadata> committed) {
        long records = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long from = Math.max(starts.getOrDefault(end.getKey(), 0L), offset == null ? 0 : offset.offset());
            records += Math.max(0, end.getValue() - from);
        }
        return records;
    }

    /** Whether {@code committed} reaches {@code target} on every partition of it. */
    public static boolean caughtUp(Map<TopicPartition, Long> target, Map<TopicPartition, OffsetAndMetadata> committed) {
        return target.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata offset = committed.get(end.getKey());
            return offset != null && offset.offset() >= end.getValue();
        });
    }
}
