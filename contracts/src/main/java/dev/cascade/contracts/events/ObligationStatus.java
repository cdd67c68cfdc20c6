package dev.cascade.contracts.events;

/** State of an obligation. */
public enum ObligationStatus {
    OPEN, FULFILLED_ON_TIME, FULFILLED_LATE, OVERDUE;

    public boolean fulfilled() {
        return this == FULFILLED_ON_TIME || this == FULFILLED_LATE;
    }
}
