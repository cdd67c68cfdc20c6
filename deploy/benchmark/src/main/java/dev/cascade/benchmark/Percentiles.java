package dev.cascade.benchmark;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

    private Percentiles() {
    }

    static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The size of a sample, its p50, p95, p99, max and mean, rounded to 3 decimals (NaN for an empty sample). */
    record Summary(int n, double p50, double p95, double p99, double max, double mean) {
    }

    static Summary summary(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return new Summary(sorted.length, round(of(sorted, 50)), round(of(sorted, 95)), round(of(sorted, 99)),
                sorted.length == 0 ? Double.NaN : round(sorted[sorted.length - 1]),
                round(Arrays.stream(sorted).average().orElse(Double.NaN)));
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000.0) / 1000.0;
    }
}
