package dev.cascade.notification.messaging;

import dev.cascade.contracts.CloudEventHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the CloudEvents type and the JSON payload of a record received from Kafka. */
@Component
public class IncomingEvents {

    private final JsonMapper json;

    public IncomingEvents(JsonMapper json) {
        this.json = json;
    }

    /**
     * The CloudEvents type, or {@code null}: {@code ce_type} on the wire, renamed {@code ce-type} by Spring Cloud
     * Function when a Spring producer wrote it, a String or raw UTF-8 bytes.
     */
    public String type(Message<?> message) {
        return CloudEventHeaders.attribute(message.getHeaders(), CloudEventHeaders.TYPE);
    }

    /** The payload as the given event record; unknown JSON fields are ignored. */
    public <T> T payload(Message<byte[]> message, Class<T> type) {
        return json.readValue(message.getPayload(), type);
    }
}
