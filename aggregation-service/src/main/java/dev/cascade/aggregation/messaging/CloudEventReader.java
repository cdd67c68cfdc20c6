package dev.cascade.aggregation.messaging;

import dev.cascade.contracts.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.Set;

/**
 * Reads an inbound record by its CloudEvents {@code ce_type}: the payload of an accepted type is deserialized with
 * the service's JSON mapper (unknown fields ignored); other types are skipped. Malformed JSON throws a
 * {@link tools.jackson.core.JacksonException}, which the bindings do not retry: the record goes to the dead-letter
 * topic at once.
 */
@Component
public class CloudEventReader {

    private static final Logger log = LoggerFactory.getLogger(CloudEventReader.class);

    private final JsonMapper json;

    CloudEventReader(JsonMapper json) {
        this.json = json;
    }

    public <T> Optional<T> read(Message<byte[]> message, Class<T> payloadType, String... acceptedTypes) {
        String type = type(message);
        if (type == null || !Set.of(acceptedTypes).contains(type)) {
            log.debug("skipping event of type {} (headers {})", type, message.getHeaders().keySet());
            return Optional.empty();
        }
        return Optional.of(json.readValue(message.getPayload(), payloadType));
    }

    /** The CloudEvents type of a record, whichever spelling and encoding its header arrived in. */
    static String type(Message<?> message) {
        return CloudEventHeaders.attribute(message.getHeaders(), CloudEventHeaders.TYPE);
    }
}
