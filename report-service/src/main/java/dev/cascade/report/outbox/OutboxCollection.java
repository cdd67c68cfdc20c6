package dev.cascade.report.outbox;

/** A MongoDB collection whose documents carry an outbox (fields {@link Outbox#EVENTS} and {@link Outbox#LEASE}). */
public record OutboxCollection(String name) {
}
