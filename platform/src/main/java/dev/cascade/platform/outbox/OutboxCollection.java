package dev.cascade.platform.outbox;

/** A MongoDB collection whose documents carry an outbox (fields {@link OutboxRelay#EVENTS} and {@link OutboxRelay#LEASE}). */
public record OutboxCollection(String name) {
}
