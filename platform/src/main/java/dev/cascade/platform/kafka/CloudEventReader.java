package dev.cascade.platform.kafka;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a consumed record as a CloudEvent: its type from the {@code ce_type} header (whichever spelling and encoding
 * it arrived in: {@code ce-type} when a Spring producer wrote it, a String or raw UTF-8 bytes), its payload with the
 * service's strict JSON mapper, fields it does not know ignored (schemas only grow). Malformed JSON throws a
 * {@link tools.jackson.core.JacksonException}, which the bindings do not retry: the record goes to the dead-letter
 * topic at once.
 */
@RequiredArgsConstructor
public class CloudEventReader {

    private static final Logger log = LoggerFactory.getLogger(CloudEventReader.class);

    private final JsonMapper json;

    /** The CloudEvents type of a record, or {@code null} when it has none. */
    public String type(Message<?> message) {
        return CloudEventHeaders.attribute(message.getHeaders(), CloudEventHeaders.TYPE);
    }

    /** The payload as {@code type}. */
    public <T> T payload(Message<byte[]> message, Class<T> type) {
        return payload(message.getPayload(), type);
    }

    /** A payload as {@code type}. */
    public <T> T payload(byte[] payload, Class<T> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(payload);
    }

    /** The payload of a record of one of {@code acceptedTypes}; empty (and skipped) for any other type. */
    public <T> Optional<T> read(Message<byte[]> message, Class<T> payloadType, String... acceptedTypes) {
        String type = type(message);
        if (type == null || !Set.of(acceptedTypes).contains(type)) {
            log.debug("skipping event of type {} (headers {})", type, message.getHeaders().keySet());
            return Optional.empty();
        }
        return Optional.of(payload(message, payloadType));
    }

    /**
     * A consumer of {@code cascade.plans.v1}, as every service that copies plans reads it: an issued or an amended
     * plan (the same payload; an amendment is a higher version) goes to {@code issuedOrAmended}, a revocation to
     * {@code revoked}; any other type is skipped.
     */
    public Consumer<Message<byte[]>> plans(Consumer<PlanIssued> issuedOrAmended, Consumer<PlanRevoked> revoked) {
        return message -> {
            if (EventTypes.PLAN_REVOKED.equals(type(message))) {
                revoked.accept(payload(message, PlanRevoked.class));
            } else {
                read(message, PlanIssued.class, EventTypes.PLAN_ISSUED, EventTypes.PLAN_AMENDED)
                        .ifPresent(issuedOrAmended);
            }
        };
    }
}
