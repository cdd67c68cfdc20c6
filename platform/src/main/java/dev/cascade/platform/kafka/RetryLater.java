package dev.cascade.platform.kafka;

/**
 * Marks an exception that says "not yet": the record refers to something this service has not learnt yet (a unit, a
 * plan), which usually arrives on another topic moments later. Such a record is retried for longer than one that
 * failed for another reason ({@code cascade.consumer.retry.not-yet-known-for}, 2 minutes by default) before it is
 * dead-lettered.
 */
public interface RetryLater {
}
