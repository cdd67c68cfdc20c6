package dev.cascade.contracts.events;

/**
 * An indicator of a programme's data form.
 *
 * @param numeratorLabel   for ratios, what the numerator counts; {@code null} for counts
 * @param denominatorLabel for ratios, what the denominator counts; {@code null} for counts
 */
public record IndicatorDefinition(String code, String name, String unitOfMeasure, IndicatorKind kind,
                                  AggregationRule aggregation, String numeratorLabel, String denominatorLabel) {
}
