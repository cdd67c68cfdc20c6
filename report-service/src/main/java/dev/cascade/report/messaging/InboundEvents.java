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

    private final JsonMapper json;

    InboundEvents(JsonMapper json) {
        this.json = json;
    }

    /** The {@code ce_type} of a record, whether the header arrives as text or as raw bytes. */
    Optional<String> type(Message<?> message) {
        Object type = message.getHeaders().get(CloudEventHeaders.TYPE);
        if (type instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(type).map(Object::toString);
    }

    /** The payload as {@code type}; fields it does not know are ignored (schemas only grow). */
    <T> T payload(Message<byte[]> message, Class<T> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(message.getPayload());
    }
}
