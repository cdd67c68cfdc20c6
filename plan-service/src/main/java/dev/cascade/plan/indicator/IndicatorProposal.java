package dev.cascade.plan.indicator;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.validation.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /indicators}: a new indicator, checked field by field. A ratio names its numerator and
 * denominator and aggregates as RATIO_OF_SUMS; a count says whether it is a FLOW or a STOCK and aggregates as SUM.
 */
record IndicatorProposal(String code, String name, String unitOfMeasure, String kind, String aggregation,
                         String numeratorLabel, String denominatorLabel, String countNature) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    /** The indicator, or the violations naming each wrong field. */
    Indicator toIndicator(List<Violation> violations) {
        if (code == null || !CODE.matcher(code).matches()) {
            violations.add(new Violation("code", "must be 2-64 upper-case letters, digits or '_', starting with a"
                    + " letter (e.g. GDNN_DROPOUT_RATE)"));
        }
        require(violations, "name", name, 500);
        require(violations, "unitOfMeasure", unitOfMeasure, 50);
        IndicatorKind k = parse(violations, "kind", kind, IndicatorKind.class);
        AggregationRule a = aggregation == null ? null : parse(violations, "aggregation", aggregation,
                AggregationRule.class);
        Indicator.CountNature nature = countNature == null ? null : parse(violations, "countNature", countNature,
                Indicator.CountNature.class);
        if (k == IndicatorKind.RATIO) {
            require(violations, "numeratorLabel", numeratorLabel, 500);
            require(violations, "denominatorLabel", denominatorLabel, 500);
            if (a == null) {
                a = AggregationRule.RATIO_OF_SUMS;
            } else if (a != AggregationRule.RATIO_OF_SUMS) {
                violations.add(new Violation("aggregation", "a ratio aggregates as RATIO_OF_SUMS (never as an"
                        + " average of percentages)"));
            }
            if (countNature != null) {
                violations.add(new Violation("countNature", "only a count is a FLOW or a STOCK"));
            }
        } else if (k == IndicatorKind.COUNT) {
            if (a == null) {
                a = AggregationRule.SUM;
            } else if (a != AggregationRule.SUM) {
                violations.add(new Violation("aggregation", "a count aggregates as SUM across units"));
            }
            if (countNature == null) {
                violations.add(new Violation("countNature", "is required for a count: FLOW (summed across periods)"
                        + " or STOCK (last value)"));
            }
            if (numeratorLabel != null || denominatorLabel != null) {
                violations.add(new Violation(numeratorLabel != null ? "numeratorLabel" : "denominatorLabel",
                        "only a ratio has a numerator and a denominator"));
            }
        }
        if (!violations.isEmpty()) {
            return null;
        }
        return new Indicator(code, name.trim(), unitOfMeasure.trim(), k, a,
                k == IndicatorKind.RATIO ? numeratorLabel.trim() : null,
                k == IndicatorKind.RATIO ? denominatorLabel.trim() : null, nature);
    }

    private static void require(List<Violation> violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else if (value.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
        }
    }

    private static <E extends Enum<E>> E parse(List<Violation> violations, String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not " + value));
            return null;
        }
    }

    static List<Violation> newViolations() {
        return new ArrayList<>();
    }
}
