package dev.cascade.aggregation.messaging;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.rollup.engine.InboundContribution;
import dev.cascade.platform.kafka.BatchRecords;
import dev.cascade.platform.kafka.CloudEventReader;
import dev.cascade.platform.tracing.TraceParents;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Set;

/**
 * Reads a batch of records ({@link BatchRecords}: other types skipped, malformed JSON dead-lettered at once): roll-up
 * inputs, or events of one payload type (units).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class BatchReader {

    private final JsonMapper json;
    private final CloudEventReader events;
    private final BatchRecords records;

    /** One record of a batch as read: its position in the batch and its payload. */
    record Read<T>(int index, T event) {
    }

    /** The roll-up inputs of a batch of {@code acceptedTypes}. */
    List<InboundContribution> read(Message<List<byte[]>> batch, String defaultTopic, String... acceptedTypes) {
        return records.read(batch, defaultTopic, Set.of(acceptedTypes), record -> new InboundContribution(
                record.type(), record.topic(), record.key(), record.payload(),
                json.readValue(record.payload(), InboundContribution.payloadClass(record.type())), record.index(),
                record.header(TraceParents.HEADER)));
    }

    /**
     * The events of a batch of {@code acceptedTypes}, all with the payload {@code payloadType}, read as
     * {@link CloudEventReader} reads a single record (fields the service does not know are ignored).
     */
    <T> List<Read<T>> read(Message<List<byte[]>> batch, String defaultTopic, Class<T> payloadType,
                           String... acceptedTypes) {
        return records.read(batch, defaultTopic, Set.of(acceptedTypes),
                record -> new Read<>(record.index(), events.payload(record.payload(), payloadType)));
    }
}
