package dev.cascade.platform.outbox;

import java.time.Instant;

/**
 * An event not yet acknowledged by the broker, kept inside the document whose change it announces (the outbox of
 * that document). Its {@code eventId} is the CloudEvents {@code ce_id}: it is fixed when the event is written, so every
 * re-send carries the same id and consumers can drop the duplicate.
 *
 * @param topic   the Kafka topic it goes to
 * @param key     the record key (decides the partition, hence the order)
 * @param subject the entity it is about ({@code ce_subject})
 * @param time    when the fact happened ({@code ce_time})
 * @param payload     the JSON payload exactly as it is sent
 * @param traceparent the W3C trace context of the work that wrote it, sent as the {@code traceparent} header (a
 *                    re-send continues the same trace); {@code null} when tracing is off
 */
public record OutboxEvent(String eventId, String type, String topic, String key, String subject, Instant time,
                          String payload, String traceparent) {

    /** An event outside any trace. */
    public OutboxEvent(String eventId, String type, String topic, String key, String subject, Instant time,
                       String payload) {
        this(eventId, type, topic, key, subject, time, payload, null);
    }
}
