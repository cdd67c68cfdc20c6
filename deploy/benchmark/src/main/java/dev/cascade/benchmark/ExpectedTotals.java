package dev.cascade.benchmark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * What an aggregate must show, computed by the benchmark itself from the reports it had accepted: per indicator the
 * sum (counts) or Σnumerator and Σdenominator with value 100 × Σn / Σd, scale 2, HALF_EVEN (ratios), the number of
 * reports behind it, and the number of reporting units beneath the unit (expected) and reported (received).
 */
final class ExpectedTotals {

    static final class Value {
        final boolean ratio;
        long sum;
        long numerator;
        long denominator;
        long count;

        Value(boolean ratio) {
            this.ratio = ratio;
        }

        BigDecimal value() {
            if (!ratio) {
                return BigDecimal.valueOf(sum);
            }
            if (denominator == 0) {
                return null;
            }
            return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN);
        }
    }

    final String unitCode;
    int expected;
    int received;
    final Map<String, Value> values = new LinkedHashMap<>();

    ExpectedTotals(String unitCode, List<Indicator> indicators) {
        this.unitCode = unitCode;
        for (Indicator indicator : indicators) {
            values.put(indicator.code(), new Value(indicator.ratio()));
        }
    }

    /**
     * What the ministry and every province (by unit code, in order) must show for the reports of {@code communes}
     * ({@code drawn}: the values of each) of which those whose index is {@code accepted} were accepted.
     */
    static Map<String, ExpectedTotals> ministryAndProvinces(List<Indicator> indicators, List<Commune> communes,
                                                            List<Map<String, long[]>> drawn, IntPredicate accepted) {
        Map<String, ExpectedTotals> expected = new TreeMap<>();
        ExpectedTotals ministry = new ExpectedTotals(NationalBurst.MINISTRY, indicators);
        expected.put(NationalBurst.MINISTRY, ministry);
        for (int i = 0; i < communes.size(); i++) {
            ExpectedTotals province = expected.computeIfAbsent(communes.get(i).provinceCode(),
                    code -> new ExpectedTotals(code, indicators));
            ministry.expected++;
            province.expected++;
            if (accepted.test(i)) {
                ministry.add(drawn.get(i));
                province.add(drawn.get(i));
            }
        }
        return expected;
    }

    void add(Map<String, long[]> report) {
        received++;
        report.forEach((code, parts) -> {
            Value value = values.get(code);
            value.count++;
            if (value.ratio) {
                value.numerator += parts[0];
                value.denominator += parts[1];
            } else {
                value.sum += parts[0];
            }
        });
    }
}
