package dev.cascade.platform.outbox;

import dev.cascade.contracts.CloudEventHeaders;
import dev.cascade.platform.kafka.BinderClientSettings;
import dev.cascade.platform.tracing.TraceParents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one Kafka producer through which a service publishes its events: configured like the binder's clients
 * ({@code spring.cloud.stream.kafka.binder.brokers}, {@code configuration} and {@code producer-properties}), keys as
 * strings, payloads as the exact bytes of {@link OutboxEvent#payload()}, CloudEvents headers from the event and the
 * service's source {@code /cascade/<spring.application.name>}.
 * <p>
 * It is a raw {@link KafkaProducer} rather than {@code StreamBridge}: every {@code StreamBridge} send of the JVM passes
 * one lock, and senders that wait for their acknowledgement queue on it.
 */
public class EventProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;
    private final String source;

    public EventProducer(Environment environment, MeterRegistry meters) {
        this(BinderClientSettings.producer(environment), environment.getProperty("spring.application.name", "cascade"),
                meters);
    }

    /**
     * @param config      Kafka producer settings (bootstrap servers and the rest); serializers are set here
     * @param application the service's name, for the client id and {@code ce_source}
     */
    public EventProducer(Map<String, Object> config, String application, MeterRegistry meters) {
        config = new java.util.HashMap<>(config);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-events");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // the order of one document's events on a partition survives a retried send only with idempotence
        config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config);
        this.metrics = new KafkaClientMetrics(producer);
        this.source = "/cascade/" + application;
        metrics.bindTo(meters);
    }

    /** The CloudEvents {@code ce_source} of this service's events. */
    public String source() {
        return source;
    }

    /**
     * Sends one event; the future completes with the broker's acknowledgement or fails. The call itself may block
     * while the producer has no metadata for the topic (at most {@code max.block.ms}).
     */
    public CompletableFuture<RecordMetadata> send(OutboxEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(),
                event.payload());
        CloudEventHeaders.of(event.eventId(), event.type(), source, event.subject(), event.time())
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        if (event.traceparent() != null) {
            record.headers().add(TraceParents.HEADER, event.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    ack.complete(metadata);
                } else {
                    ack.completeExceptionally(error);
                }
            });
        } catch (RuntimeException refused) {
            ack.completeExceptionally(refused);
        }
        return ack;
    }

    /**
     * What the broker did with a batch of events.
     *
     * @param acknowledged for each event, in order, whether the broker acknowledged it
     * @param firstFailure why the first unacknowledged event was not, or {@code null} when all were
     */
    public record Acks(List<Boolean> acknowledged, Throwable firstFailure) {

        public boolean all() {
            return firstFailure == null;
        }

        /** Throws the first failure (with its cause, so that a broker outage is told from a bad record). */
        public void throwIfAny() {
            if (firstFailure != null) {
                throw new IllegalStateException("the broker did not take the event: " + firstFailure, firstFailure);
            }
        }
    }

    /**
     * Sends the events one after the other without waiting, then waits for all their acknowledgements: one round trip
     * for the lot instead of one per event. Events of one key keep their order (idempotent producer). Sending stops
     * at the first send refused outright (no metadata: the broker is probably away); the rest are reported unsent.
     */
    public Acks sendAll(List<OutboxEvent> events) {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            CompletableFuture<RecordMetadata> ack = send(event);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break;
            }
        }
        List<Boolean> acknowledged = new ArrayList<>(events.size());
        Throwable first = null;
        for (CompletableFuture<RecordMetadata> ack : acks) {
            try {
                ack.join();
                acknowledged.add(true);
            } catch (CompletionException | CancellationException e) {
                acknowledged.add(false);
                first = first != null ? first : e.getCause() == null ? e : e.getCause();
            }
        }
        while (acknowledged.size() < events.size()) {
            acknowledged.add(false);
        }
        return new Acks(List.copyOf(acknowledged), first);
    }

    /** Sends one event and waits for its acknowledgement; a failure is thrown. */
    public RecordMetadata sendAndWait(OutboxEvent event) {
        try {
            return send(event).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the event: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        metrics.close();
        producer.close();
    }
}
