package dev.cascade.contracts.events;

/** How an indicator rolls up across units. Ratios are always a ratio of sums, never an average of percentages. */
public enum AggregationRule {
    SUM, RATIO_OF_SUMS, MIN, MAX, AVERAGE
}
