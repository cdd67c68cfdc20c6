package dev.cascade.contracts.events;

/**
 * State of an obligation. {@code CLOSED} (added within v1): no report is owed any more, see
 * {@link ObligationClosed#reason()}; consumers that do not know it treat it as neither open nor fulfilled.
 */
public enum ObligationStatus {
    OPEN, FULFILLED_ON_TIME, FULFILLED_LATE, OVERDUE, CLOSED;

    /** Whether a report is still owed: open or overdue. */
    public boolean owed() {
        return this == OPEN || this == OVERDUE;
    }

    public boolean fulfilled() {
        return this == FULFILLED_ON_TIME || this == FULFILLED_LATE;
    }
}
