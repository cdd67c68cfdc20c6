package dev.cascade.report.outbox;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Turns an event payload into an {@link OutboxEvent}: serialized once with the service's JSON mapper. */
@Component
public class OutboxEvents {

    private final JsonMapper json;

    public OutboxEvents(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param entityId the entity the event is about
     * @param time     when the fact happened; kept to the millisecond, as stored
     * @param version  the entity's version the event announces; with the type and the entity it makes the event id,
     *                 so the same fact always gets the same {@code ce_id}
     */
    public OutboxEvent compose(String type, String topic, String key, String entityId, long version, Instant time,
                               Object payload) {
        return new OutboxEvent(eventId(type, entityId, version), type, topic, key, entityId,
                time.truncatedTo(ChronoUnit.MILLIS), json.writeValueAsString(payload));
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
