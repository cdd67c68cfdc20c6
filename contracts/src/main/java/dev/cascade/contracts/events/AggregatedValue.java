package dev.cascade.contracts.events;

import java.math.BigDecimal;

/**
 * An indicator rolled up over the units beneath one unit. The parts ({@code sum}, {@code numerator},
 * {@code denominator}, {@code min}, {@code max}, {@code count}) are what a parent needs to roll up further;
 * {@code value} is the figure to show (a percentage for ratios).
 *
 * @param count number of reports that contributed a value
 */
public record AggregatedValue(AggregationRule rule, BigDecimal value, BigDecimal sum, BigDecimal numerator,
                              BigDecimal denominator, BigDecimal min, BigDecimal max, long count) {
}
