package dev.cascade.report.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The Kafka producer of the outbox, configured like the binder's ({@code spring.cloud.stream.kafka.binder.brokers}
 * and {@code producer-properties}). The outbox sends through it rather than through {@code StreamBridge}, whose
 * sends all pass one lock shared by every {@code StreamBridge} of the JVM: with dozens of request threads each
 * waiting for its ack, requests queued on that lock.
 */
@Component
public class EventProducer {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;

    public EventProducer(Environment environment, MeterRegistry meters) {
        Binder binder = Binder.get(environment);
        Map<String, Object> config = new HashMap<>(binder.bind("spring.cloud.stream.kafka.binder.producer-properties",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.bind("spring.cloud.stream.kafka.binder.brokers",
                String.class).orElse("localhost:9092"));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "cascade")
                + "-outbox");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(meters);
    }

    /** Sends the record and waits for the broker's acknowledgement; any failure is thrown. */
    public RecordMetadata sendAndWait(ProducerRecord<String, byte[]> record) {
        Future<RecordMetadata> ack = producer.send(record);
        try {
            return ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker did not take the record: " + e.getCause(), e.getCause());
        }
    }

    @PreDestroy
    void close() {
        metrics.close();
        producer.close();
    }
}
