package dev.cascade.contracts.events;

/** A count (persons, institutions) or a ratio reported as numerator and denominator. */
public enum IndicatorKind {
    COUNT, RATIO
}
