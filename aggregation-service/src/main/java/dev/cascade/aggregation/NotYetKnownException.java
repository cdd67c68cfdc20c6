package dev.cascade.aggregation;

import dev.cascade.platform.kafka.RetryLater;

/**
 * An event refers to something this service has not learnt yet (a unit, a plan, a period). The record is retried
 * with backoff, since the missing fact usually arrives on another topic moments later.
 */
public class NotYetKnownException extends RuntimeException implements RetryLater {

    public NotYetKnownException(String message) {
        super(message);
    }
}
