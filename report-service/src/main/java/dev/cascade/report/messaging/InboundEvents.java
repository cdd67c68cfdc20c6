package dev.cascade.report.messaging;

import dev.cascade.contracts.CloudEventHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/** Reads consumed records: the CloudEvents type from the {@code ce_type} header, the payload with the service's mapper. */
@Component
class InboundEvents {

    private final JsonMapper json;

    InboundEvents(JsonMapper json) {
        this.json = json;
    }

    /** The CloudEvents type of a record, whichever spelling ({@code ce_type}, {@code ce-type}) and encoding it arrived in. */
    Optional<String> type(Message<?> message) {
        return Optional.ofNullable(CloudEventHeaders.attribute(message.getHeaders(), CloudEventHeaders.TYPE));
    }

    /** The payload as {@code type}; fields it does not know are ignored (schemas only grow). */
    <T> T payload(Message<byte[]> message, Class<T> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(message.getPayload());
    }
}
