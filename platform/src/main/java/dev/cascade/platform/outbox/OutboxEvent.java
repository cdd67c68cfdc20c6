package dev.cascade.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An event not yet acknowledged by the broker, kept inside the document whose change it announces (the outbox of
 * that document). Its {@code eventId} is the CloudEvents {@code ce_id}: it is fixed when the event is written, so every
 * re-send carries the same id and consumers can drop the duplicate.
 *
 * @param topic       the Kafka topic it goes to
 * @param key         the record key (decides the partition, hence the order)
 * @param subject     the entity it is about ({@code ce_subject})
 * @param time        when the fact happened ({@code ce_time})
 * @param payload     the JSON payload, UTF-8, exactly the bytes that are sent (stored as BSON binary: copied, not
 *                    encoded character by character, on every write and read); not to be modified
 * @param traceparent the W3C trace context of the work that wrote it, sent as the {@code traceparent} header (a
 *                    re-send continues the same trace); {@code null} when tracing is off
 */
public record OutboxEvent(String eventId, String type, String topic, String key, String subject, Instant time,
                          byte[] payload, String traceparent) {

    /** An event outside any trace. */
    public OutboxEvent(String eventId, String type, String topic, String key, String subject, Instant time,
                       byte[] payload) {
        this(eventId, type, topic, key, subject, time, payload, null);
    }

    /** The payload as text (JSON). */
    public String payloadText() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    /** Equal when every field is, the payload by its bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof OutboxEvent that && Objects.equals(eventId, that.eventId)
                && Objects.equals(type, that.type) && Objects.equals(topic, that.topic)
                && Objects.equals(key, that.key) && Objects.equals(subject, that.subject)
                && Objects.equals(time, that.time) && Arrays.equals(payload, that.payload)
                && Objects.equals(traceparent, that.traceparent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, topic, key, subject, time, Arrays.hashCode(payload), traceparent);
    }

    @Override
    public String toString() {
        return "OutboxEvent[eventId=" + eventId + ", type=" + type + ", topic=" + topic + ", key=" + key
                + ", subject=" + subject + ", time=" + time + ", payload=" + payloadText() + ", traceparent="
                + traceparent + "]";
    }
}
