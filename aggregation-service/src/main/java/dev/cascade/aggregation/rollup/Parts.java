package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.IndicatorValue;

import java.math.BigDecimal;

/**
 * What one child contributes for one indicator: the parts from which any rule can be recomputed at the parent
 * ({@code sum}, {@code min}, {@code max} for counts; {@code numerator} and {@code denominator} for ratios;
 * {@code count} = number of reports behind them). {@code null} means "no such part".
 */
public record Parts(BigDecimal sum, BigDecimal numerator, BigDecimal denominator, BigDecimal min, BigDecimal max,
                    long count) {

    /** The parts of one reported value: a single report, so count 1. */
    public static Parts of(IndicatorValue value) {
        return new Parts(value.value(), value.numerator(), value.denominator(), value.value(), value.value(), 1);
    }

    /** The parts of a child's roll-up as it offered them. */
    public static Parts of(AggregatedValue value) {
        return new Parts(value.sum(), value.numerator(), value.denominator(), value.min(), value.max(), value.count());
    }

    boolean isRatio() {
        return denominator != null;
    }
}
