package dev.cascade.benchmark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
