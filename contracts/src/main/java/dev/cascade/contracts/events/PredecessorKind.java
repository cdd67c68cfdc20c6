package dev.cascade.contracts.events;

/**
 * How much of a predecessor went into its successor unit: {@code FULL} (the whole old unit) or {@code PARTIAL} (part
 * of it; the rest went into one or more other units).
 */
public enum PredecessorKind {
    FULL, PARTIAL
}
