package dev.cascade.platform.outbox;

/**
 * A state change that must have been applied before an event of {@link #eventType()} goes out; it runs before every
 * attempt to send such an event (again after a crash), so it must be idempotent.
 */
public interface OutboxEffect {

    String eventType();

    void apply(OutboxEvent event);
}
