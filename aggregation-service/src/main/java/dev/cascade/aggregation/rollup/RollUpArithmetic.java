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

    /**
     * The rolled-up value of one indicator. The result carries the parts its rule needs to roll up further (and
     * {@code count}); the other parts are {@code null}: SUM keeps {@code sum}, RATIO_OF_SUMS {@code numerator} and
     * {@code denominator}, MIN {@code min}, MAX {@code max}, AVERAGE {@code sum}.
     */
    public static AggregatedValue combine(AggregationRule rule, Collection<Parts> parts) {
        long count = parts.stream().mapToLong(Parts::count).sum();
        return switch (rule) {
            case SUM -> {
                BigDecimal sum = fold(parts, Parts::sum, BigDecimal::add);
                yield new AggregatedValue(rule, sum, sum, null, null, null, null, count);
            }
            case RATIO_OF_SUMS -> {
                BigDecimal numerator = fold(parts, Parts::numerator, BigDecimal::add);
                BigDecimal denominator = fold(parts, Parts::denominator, BigDecimal::add);
                yield new AggregatedValue(rule, percentage(numerator, denominator), null, numerator, denominator,
                        null, null, count);
            }
            case MIN -> {
                BigDecimal min = fold(parts, Parts::min, BigDecimal::min);
                yield new AggregatedValue(rule, min, null, null, null, min, null, count);
            }
            case MAX -> {
                BigDecimal max = fold(parts, Parts::max, BigDecimal::max);
                yield new AggregatedValue(rule, max, null, null, null, null, max, count);
            }
            case AVERAGE -> {
                BigDecimal sum = fold(parts, Parts::sum, BigDecimal::add);
                BigDecimal average = sum == null || count == 0 ? null
                        : sum.divide(BigDecimal.valueOf(count), SCALE, ROUNDING);
                yield new AggregatedValue(rule, average, sum, null, null, null, null, count);
            }
        };
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
