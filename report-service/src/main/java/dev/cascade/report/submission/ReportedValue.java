package dev.cascade.report.submission;

import dev.cascade.contracts.events.IndicatorValue;

import java.math.BigDecimal;

/** One indicator's value in a report version. */
public record ReportedValue(String indicator, BigDecimal value, BigDecimal numerator, BigDecimal denominator) {

    public IndicatorValue toIndicatorValue() {
        return new IndicatorValue(value, numerator, denominator);
    }
}
