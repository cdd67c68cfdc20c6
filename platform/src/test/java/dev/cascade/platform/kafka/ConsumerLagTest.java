package dev.cascade.platform.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When a group has read what its topic held (a binding's start order), and how many records it has not. */
class ConsumerLagTest {

    private static final TopicPartition UNITS_0 = new TopicPartition("cascade.units.v1", 0);
    private static final TopicPartition UNITS_1 = new TopicPartition("cascade.units.v1", 1);

    @Test
    void caughtUpWhenEveryPartitionWithRecordsIsCommittedToItsEndOffset() {
        Map<TopicPartition, Long> target = Map.of(UNITS_0, 5_000L, UNITS_1, 5_047L);

        assertThat(ConsumerLag.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000),
                UNITS_1, new OffsetAndMetadata(5_047)))).isTrue();
        assertThat(ConsumerLag.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000),
                UNITS_1, new OffsetAndMetadata(6_000)))).as("read beyond: records arrived since").isTrue();
    }

    @Test
    void notCaughtUpWhileAPartitionIsBehindOrNeverCommitted() {
        Map<TopicPartition, Long> target = Map.of(UNITS_0, 5_000L, UNITS_1, 5_047L);

        assertThat(ConsumerLag.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000),
                UNITS_1, new OffsetAndMetadata(5_046)))).isFalse();
        assertThat(ConsumerLag.caughtUp(target, Map.of(UNITS_0, new OffsetAndMetadata(5_000))))
                .as("partition 1 not read at all yet").isFalse();
        assertThat(ConsumerLag.caughtUp(target, Map.of())).isFalse();
    }

    @Test
    void nothingToReadIsCaughtUpAtOnce() {
        assertThat(ConsumerLag.caughtUp(Map.of(), Map.of())).isTrue();
    }

    @Test
    void behindCountsEachPartitionFromItsCommittedOffsetOrItsStart() {
        Map<TopicPartition, Long> ends = Map.of(UNITS_0, 5_000L, UNITS_1, 5_047L);

        assertThat(ConsumerLag.behind(ends, Map.of(), Map.of())).as("never committed: every record").isEqualTo(10_047);
        assertThat(ConsumerLag.behind(ends, Map.of(), Map.of(UNITS_0, new OffsetAndMetadata(4_990),
                UNITS_1, new OffsetAndMetadata(5_047)))).isEqualTo(10);
        // records before the start are gone (retention, compaction): a group that committed none, or one below the
        // start, can read only from there
        assertThat(ConsumerLag.behind(ends, Map.of(UNITS_0, 4_000L, UNITS_1, 5_047L), Map.of())).isEqualTo(1_000);
        assertThat(ConsumerLag.behind(ends, Map.of(UNITS_0, 4_000L), Map.of(UNITS_0, new OffsetAndMetadata(3_000),
                UNITS_1, new OffsetAndMetadata(5_000)))).isEqualTo(1_000 + 47);
        // a partition committed beyond the end read here (records arrived since) counts 0, not less
        assertThat(ConsumerLag.behind(ends, Map.of(), Map.of(UNITS_0, new OffsetAndMetadata(6_000),
                UNITS_1, new OffsetAndMetadata(5_040)))).isEqualTo(7);
        // only the partitions of ends count
        assertThat(ConsumerLag.behind(Map.of(UNITS_1, 5_047L), Map.of(), Map.of(UNITS_0,
                new OffsetAndMetadata(0)))).isEqualTo(5_047);
    }
}
