package dev.cascade.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * Latency from each submission to the first ministry aggregate that includes it. The ministry aggregate carries how
 * many reports it includes ({@code completeness.received}) but not which ones, so the k-th report to be accepted
 * (201 completion order) is taken to be included by the first ministry aggregate whose {@code received ≥ k}. For
 * any single report this may be early or late (reports overtake one another across partitions), but the k-th
 * inclusion can never precede the k-th acceptance by more than the HTTP response time, and the distribution of the
 * matched pairs is what a FIFO pipeline would show.
 */
final class InclusionLatency {

    /** A ministry aggregate as it arrived at the benchmark's consumer. */
    record Arrival(long received, long nanos) {
    }

    private InclusionLatency() {
    }

    /**
     * @param sentNanos     when each accepted submission was sent
     * @param acceptedNanos when its 201 arrived (same index)
     * @param arrivals      ministry aggregates in arrival order
     * @return seconds from sending to inclusion per accepted report, in acceptance order; NaN where no aggregate
     *         included it
     */
    static double[] seconds(long[] sentNanos, long[] acceptedNanos, List<Arrival> arrivals) {
        Integer[] order = new Integer[acceptedNanos.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(acceptedNanos[a], acceptedNanos[b]));
        double[] latency = new double[order.length];
        int next = 0;
        long highest = 0;
        for (int k = 1; k <= order.length; k++) {
            while (next < arrivals.size() && highest < k) {
                highest = Math.max(highest, arrivals.get(next).received());
                next++;
            }
            int submission = order[k - 1];
            latency[k - 1] = highest >= k
                    ? (arrivals.get(next - 1).nanos() - sentNanos[submission]) / 1e9
                    : Double.NaN;
        }
        return latency;
    }
}
