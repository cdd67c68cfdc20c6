package dev.cascade.contracts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents 1.0 attributes in Kafka binary mode: each attribute is a Kafka header named
 * {@code ce_<attribute>} whose value is the attribute as a UTF-8 string.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * The headers of one event.
     *
     * @param id      unique per event; the same logical event re-sent keeps its id
     * @param type    one of {@link EventTypes}
     * @param source  the producing service, e.g. {@code /cascade/report-service}
     * @param subject the entity the event is about, e.g. a report id
     * @param time    when the fact happened
     */
    public static Map<String, String> of(String id, String type, String source, String subject, Instant time) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, SPEC_VERSION_VALUE);
        headers.put(ID, id);
        headers.put(TYPE, type);
        headers.put(SOURCE, source);
        headers.put(TIME, time.toString());
        if (subject != null) {
            headers.put(SUBJECT, subject);
        }
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }

    /**
     * The value of a CloudEvents attribute among a consumed record's headers. On the wire the header is
     * {@code ce_<attribute>}; Spring Cloud Function hands headers written by a Spring producer to a function renamed
     * to the canonical {@code ce-<attribute>}, and a header may arrive as a String or as UTF-8 bytes, so all of these
     * are read.
     *
     * @param attribute e.g. {@link #TYPE} or {@link #ID}
     * @return the value, or {@code null} when the record has no such header
     */
    public static String attribute(Map<String, ?> headers, String attribute) {
        Object value = headers.get(attribute);
        if (value == null && attribute.startsWith("ce_")) {
            value = headers.get("ce-" + attribute.substring(3));
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** Headers for a new event with a random id. */
    public static Map<String, String> newEvent(String type, String source, String subject, Instant time) {
        return of(UUID.randomUUID().toString(), type, source, subject, time);
    }
}
