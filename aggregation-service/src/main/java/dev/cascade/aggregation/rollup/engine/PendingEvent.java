package dev.cascade.aggregation.rollup.engine;

import java.time.Instant;

/**
 * An event a roll-up document carries until it has been sent: saved with the change that caused it, sent after
 * the save, then cleared. A re-send keeps {@link #eventId()} (the CloudEvents id), so receivers can tell.
 *
 * @param payload the event's JSON, exactly as sent
 */
public record PendingEvent(String eventId, String type, String topic, String key, String subject, Instant time,
                           String payload) {
}
