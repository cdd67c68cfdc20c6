package dev.cascade.contracts.events;

/** Why a unit's reporting duty passed to another unit. */
public enum SuccessionReason {
    /** The unit was merged into the successors (the 2025 merge mapping: full or partial). */
    MERGED,
    /**
     * The unit's whole level was abolished (district-level units on 1 July 2025) and the successor took over its
     * functions (for the district level: the province). An agency attached to such a unit ends with it and follows
     * the same rule.
     */
    LEVEL_ABOLISHED
}
