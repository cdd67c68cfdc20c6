package dev.cascade.plan.indicator.domain;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;

import java.util.Objects;

/**
 * An indicator of the catalogue. Ratios are reported as numerator and denominator and roll up as a ratio of sums;
 * counts roll up as a sum across units.
 *
 * @param countNature for counts, whether a flow (summed across periods) or a stock (last value); {@code null} for ratios
 */
public record Indicator(String code, String name, String unitOfMeasure, IndicatorKind kind,
                        AggregationRule aggregation, String numeratorLabel, String denominatorLabel,
                        CountNature countNature) {

    public Indicator {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(aggregation, "aggregation");
        if (kind == IndicatorKind.RATIO && (numeratorLabel == null || denominatorLabel == null)) {
            throw new IllegalArgumentException("ratio " + code + " needs numerator and denominator labels");
        }
        if (kind == IndicatorKind.RATIO && aggregation != AggregationRule.RATIO_OF_SUMS) {
            throw new IllegalArgumentException("ratio " + code + " must aggregate as RATIO_OF_SUMS");
        }
    }

    public IndicatorDefinition toDefinition() {
        return new IndicatorDefinition(code, name, unitOfMeasure, kind, aggregation, numeratorLabel, denominatorLabel);
    }

    /** Across periods a flow sums and a stock takes the last value. */
    public enum CountNature {
        FLOW, STOCK
    }
}
