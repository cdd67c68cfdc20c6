package dev.cascade.report.messaging;

import dev.cascade.contracts.CloudEventHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads consumed records: the CloudEvents type from the {@code ce_type} header, the payload with the service's mapper. */
@Component
class InboundEvents {

    static final String CANONICAL_TYPE = "ce-type";

    private final JsonMapper json;

    InboundEvents(JsonMapper json) {
        this.json = json;
    }

    /**
     * The CloudEvents type of a record. On the wire it is the {@code ce_type} header; when a Spring producer wrote it
     * (typed String headers) Spring Cloud Function hands it over renamed to the canonical {@code ce-type}, so both
     * spellings are read, as text or as raw bytes.
     */
    Optional<String> type(Message<?> message) {
        return header(message, CloudEventHeaders.TYPE).or(() -> header(message, CANONICAL_TYPE));
    }

    private static Optional<String> header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(value).map(Object::toString);
    }

    /** The payload as {@code type}; fields it does not know are ignored (schemas only grow). */
    <T> T payload(Message<byte[]> message, Class<T> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(message.getPayload());
    }
}
