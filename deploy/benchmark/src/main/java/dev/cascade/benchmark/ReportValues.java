package dev.cascade.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The figures one commune reports, drawn from a generator seeded by (seed, commune code), so that a run can be
 * repeated with the same data: counts 0..999, ratios denominator 1..1000 and numerator 0..denominator.
 */
final class ReportValues {

    private ReportValues() {
    }

    /** indicator code → {value} for counts, {numerator, denominator} for ratios (insertion order = data form). */
    static Map<String, long[]> draw(long seed, String unitCode, List<Indicator> indicators) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + unitCode.hashCode());
        Map<String, long[]> values = new LinkedHashMap<>();
        for (Indicator indicator : indicators) {
            if (indicator.ratio()) {
                long denominator = 1 + random.nextInt(1000);
                long numerator = random.nextLong(denominator + 1);
                values.put(indicator.code(), new long[] {numerator, denominator});
            } else {
                values.put(indicator.code(), new long[] {random.nextInt(1000)});
            }
        }
        return values;
    }
}
