package dev.cascade.aggregation;

/**
 * An event refers to something this service has not learnt yet (a unit, a plan, a period). The record is retried
 * with backoff, since the missing fact usually arrives on another topic moments later.
 */
public class NotYetKnownException extends RuntimeException {

    public NotYetKnownException(String message) {
        super(message);
    }
}
