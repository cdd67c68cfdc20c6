package dev.cascade.contracts.events;

import java.math.BigDecimal;

/**
 * A reported value: {@code value} for counts, {@code numerator} and {@code denominator} for ratios. Each is a whole
 * number from 0 to {@link #MAX} (one trillion): the sum of every commune of the country at that bound (10,047 ×
 * 10^12, about 10^16) still fits a {@code long}, a {@code Decimal128} and a JSON number exactly, so every level can
 * add, store and publish what a commune reported.
 */
public record IndicatorValue(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {

    /** The largest count, numerator or denominator a unit may report. */
    public static final BigDecimal MAX = BigDecimal.TEN.pow(12);

    public static IndicatorValue count(long value) {
        return new IndicatorValue(BigDecimal.valueOf(value), null, null);
    }

    public static IndicatorValue ratio(long numerator, long denominator) {
        return new IndicatorValue(null, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    /** Whether {@code number} is a whole number from 0 to {@link #MAX}: what a count or a ratio's part may be. */
    public static boolean inDomain(BigDecimal number) {
        return number != null && number.signum() >= 0 && number.compareTo(MAX) <= 0
                && (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0);
    }

    /** Whether every part present is {@link #inDomain in the domain}. */
    public boolean partsInDomain() {
        return (value == null || inDomain(value)) && (numerator == null || inDomain(numerator))
                && (denominator == null || inDomain(denominator));
    }
}
