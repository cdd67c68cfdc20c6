package dev.cascade.portal.api;

import java.math.BigDecimal;

/** A reported figure: {@code value} for a count, {@code numerator}/{@code denominator} for a ratio. */
public record Value(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {
}
