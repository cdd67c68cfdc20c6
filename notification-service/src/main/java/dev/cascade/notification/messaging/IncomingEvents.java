package dev.cascade.notification.messaging;

import dev.cascade.contracts.CloudEventHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/** Reads the CloudEvents type and the JSON payload of a record received from Kafka. */
@Component
public class IncomingEvents {

    private final JsonMapper json;

    public IncomingEvents(JsonMapper json) {
        this.json = json;
    }

    /**
     * The {@code ce_type} header, or {@code null}. A header written by a Spring producer arrives as a String, one
     * written by any other Kafka client as raw UTF-8 bytes.
     */
    public String type(Message<?> message) {
        Object value = message.getHeaders().get(CloudEventHeaders.TYPE);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** The payload as the given event record; unknown JSON fields are ignored. */
    public <T> T payload(Message<byte[]> message, Class<T> type) {
        return json.readValue(message.getPayload(), type);
    }
}
