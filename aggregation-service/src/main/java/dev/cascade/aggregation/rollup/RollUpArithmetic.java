package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Combines the parts of several contributions into one aggregated value. Always from the parts, never from shown
 * values: a ratio is 100 × Σnumerator / Σdenominator (never an average of percentages), a count is a sum.
 */
public final class RollUpArithmetic {

    /** Scale of every shown percentage and average. */
    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RollUpArithmetic() {
    }

    public static AggregatedValue combine(AggregationRule rule, Collection<Parts> parts) {
        BigDecimal sum = fold(parts, Parts::sum, BigDecimal::add);
        BigDecimal numerator = fold(parts, Parts::numerator, BigDecimal::add);
        BigDecimal denominator = fold(parts, Parts::denominator, BigDecimal::add);
        BigDecimal min = fold(parts, Parts::min, BigDecimal::min);
        BigDecimal max = fold(parts, Parts::max, BigDecimal::max);
        long count = parts.stream().mapToLong(Parts::count).sum();
        BigDecimal value = switch (rule) {
            case SUM -> sum;
            case RATIO_OF_SUMS -> percentage(numerator, denominator);
            case MIN -> min;
            case MAX -> max;
            case AVERAGE -> sum == null || count == 0 ? null : sum.divide(BigDecimal.valueOf(count), SCALE, ROUNDING);
        };
        return new AggregatedValue(rule, value, sum, numerator, denominator, min, max, count);
    }

    /** 100 × numerator / denominator, scale 2, HALF_EVEN; {@code null} without a positive denominator. */
    public static BigDecimal percentage(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.multiply(HUNDRED).divide(denominator, SCALE, ROUNDING);
    }

    /** The rule for an indicator the data form does not name: a ratio if it has a denominator, else a sum. */
    public static AggregationRule fallbackRule(Collection<Parts> parts) {
        return parts.stream().anyMatch(Parts::isRatio) ? AggregationRule.RATIO_OF_SUMS : AggregationRule.SUM;
    }

    private static BigDecimal fold(Collection<Parts> parts, Function<Parts, BigDecimal> part,
                                   BinaryOperator<BigDecimal> op) {
        return parts.stream().map(part).filter(java.util.Objects::nonNull).reduce(op).orElse(null);
    }
}
