package dev.cascade.contracts.events;

import java.math.BigDecimal;

/**
 * A quantitative target of a plan for one indicator and year. Ratios are in percent.
 *
 * @param value the bound for {@code AT_LEAST}/{@code AT_MOST}, the lower bound for {@code RANGE}
 * @param upper the upper bound for {@code RANGE}; {@code null} otherwise
 */
public record Target(String indicator, int year, TargetComparator comparator, BigDecimal value, BigDecimal upper) {
}
