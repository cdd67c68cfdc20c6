package dev.cascade.contracts.events;

import java.math.BigDecimal;

/**
 * An aggregate's value against the target of the plan that applies to its unit.
 *
 * @param gap how far the actual value is from meeting the target (0 when met); {@code null} without a value
 */
public record TargetProgress(String indicator, String planId, int year, TargetComparator comparator,
                             BigDecimal target, BigDecimal upper, BigDecimal actual, boolean met, BigDecimal gap) {
}
