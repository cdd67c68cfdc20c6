package dev.cascade.platform.outbox;

import lombok.RequiredArgsConstructor;
import dev.cascade.platform.tracing.TraceParents;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns an event payload into an {@link OutboxEvent}: serialized once, with the service's JSON mapper, and with the
 * {@code traceparent} of the work that composes it.
 */
@RequiredArgsConstructor
public class OutboxEvents {

    private final JsonMapper json;
    private final TraceParents traces;

    /**
     * @param entityId the entity the event is about
     * @param time     when the fact happened; kept to the millisecond, as stored
     * @param version  the entity's version the event announces; with the type and the entity it makes the event id,
     *                 so the same fact always gets the same {@code ce_id}
     */
    public OutboxEvent compose(String type, String topic, String key, String entityId, long version, Instant time,
                               Object payload) {
        return new OutboxEvent(eventId(type, entityId, version), type, topic, key, entityId,
                time.truncatedTo(ChronoUnit.MILLIS), json.writeValueAsBytes(payload), traces.current());
    }

    /**
     * An event with an id of the caller's scheme (e.g. {@code plan-<id>-v<version>}); the same fact must always get
     * the same id.
     */
    public OutboxEvent composeWithId(String eventId, String type, String topic, String key, String subject,
                                     Instant time, Object payload) {
        return new OutboxEvent(eventId, type, topic, key, subject, time.truncatedTo(ChronoUnit.MILLIS),
                json.writeValueAsBytes(payload), traces.current());
    }

    /**
     * An event whose id is drawn at random: for a fact that has no version of its own (a roll-up's recomputation).
     *
     * @param subject the entity it is about ({@code ce_subject})
     */
    public OutboxEvent composeUnique(String type, String topic, String key, String subject, Instant time,
                                     Object payload) {
        return new OutboxEvent(UUID.randomUUID().toString(), type, topic, key, subject,
                time.truncatedTo(ChronoUnit.MILLIS), json.writeValueAsBytes(payload), traces.current());
    }

    /** A name-based UUID of (type, entity, version). */
    public static String eventId(String type, String entityId, long version) {
        return UUID.nameUUIDFromBytes((type + "|" + entityId + "|" + version).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public <T> T payloadOf(OutboxEvent event, Class<T> type) {
        return json.readValue(event.payload(), type);
    }
}
