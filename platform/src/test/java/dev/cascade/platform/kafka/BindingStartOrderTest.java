package dev.cascade.platform.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When a binding's group has read what its topic held at start-up. */
class BindingStartOrderTest {

    private static final TopicPartition UNITS_0 = new TopicPartition("cascade.units.v1", 0);
    private static final TopicPartition UNITS_1 = new TopicPartition("cascade.units.v1", 1);

    @Test
    void caughtUpWhenEveryPartitionWithRecordsIsCommittedToItsEndOffset() {
        Map<TopicPartition, Long> target = Map.of(UNITS_0, 5_000L, UNITS_1, 5_047L);

        assertThat(BindingStartOrder.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000),
                UNITS_1, new OffsetAndMetadata(5_047)))).isTrue();
        assertThat(BindingStartOrder.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000),
                UNITS_1, new OffsetAndMetadata(6_000)))).as("read beyond: records arrived since").isTrue();
    }

    @Test
    void notCaughtUpWhileAPartitionIsBehindOrNeverCommitted() {
        Map<TopicPartition, Long> target = Map.of(UNITS_0, 5_000L, UNITS_1, 5_047L);

        assertThat(BindingStartOrder.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000),
                UNITS_1, new OffsetAndMetadata(5_046)))).isFalse();
        assertThat(BindingStartOrder.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000))))
                .as("partition 1 not read at all yet").isFalse();
        assertThat(BindingStartOrder.caughtUp(target, Map.of())).isFalse();
    }

    @Test
    void nothingToReadIsCaughtUpAtOnce() {
        assertThat(BindingStartOrder.caughtUp(Map.of(), Map.of())).isTrue();
    }
}
