package dev.cascade.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InclusionLatencyTest {

    private static final long S = 1_000_000_000L;

    @Test
    void kthAcceptedReportIsMatchedWithTheFirstMinistryAggregateThatCountsK() {
        // three reports sent at 0, 0 and 1 s; accepted at 0.1, 1.5 and 1.2 s (so 201 order: #0, #2, #1)
        long[] sent = {0, 0, S};
        long[] accepted = {S / 10, 3 * S / 2, 6 * S / 5};
        // the ministry aggregate says 1 received at 2 s, 3 received at 4 s
        List<InclusionLatency.Arrival> arrivals = List.of(
                new InclusionLatency.Arrival(1, 2 * S), new InclusionLatency.Arrival(3, 4 * S));

        double[] latency = InclusionLatency.seconds(sent, accepted, arrivals);

        // rank 1 = #0 (sent 0) → 2 s; rank 2 = #2 (sent 1 s) → 4 s − 1 s; rank 3 = #1 (sent 0) → 4 s
        assertThat(latency).containsExactly(2.0, 3.0, 4.0);
    }

    @Test
    void aReportNoAggregateCountedHasNoLatency() {
        double[] latency = InclusionLatency.seconds(new long[] {0, 0}, new long[] {1, 2},
                List.of(new InclusionLatency.Arrival(1, S)));

        assertThat(latency[0]).isEqualTo(1.0);
        assertThat(latency[1]).isNaN();
    }
}
