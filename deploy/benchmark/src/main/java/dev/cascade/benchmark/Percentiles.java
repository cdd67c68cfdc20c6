package dev.cascade.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** p50, p95, p99, max and mean, rounded to 3 decimals. */
    static Map<String, Object> summary(double[] sample) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", sorted.length);
        out.put("p50", round(of(sorted, 50)));
        out.put("p95", round(of(sorted, 95)));
        out.put("p99", round(of(sorted, 99)));
        out.put("max", sorted.length == 0 ? Double.NaN : round(sorted[sorted.length - 1]));
        out.put("mean", round(Arrays.stream(sorted).average().orElse(Double.NaN)));
        return out;
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000.0) / 1000.0;
    }
}
