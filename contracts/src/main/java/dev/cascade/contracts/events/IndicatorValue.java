package dev.cascade.contracts.events;

import java.math.BigDecimal;

/** A reported value: {@code value} for counts, {@code numerator} and {@code denominator} for ratios. */
public record IndicatorValue(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {

    public static IndicatorValue count(long value) {
        return new IndicatorValue(BigDecimal.valueOf(value), null, null);
    }

    public static IndicatorValue ratio(long numerator, long denominator) {
        return new IndicatorValue(null, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }
}
