package dev.cascade.contracts.events;

/** How an actual value is compared with a target: at least, at most, or within a range. */
public enum TargetComparator {
    AT_LEAST, AT_MOST, RANGE
}
