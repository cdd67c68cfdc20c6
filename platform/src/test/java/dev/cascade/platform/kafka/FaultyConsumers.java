package dev.cascade.platform.kafka;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A service with one record binding ({@code words}) and one batch binding ({@code batches}) whose records say how they
 * behave: {@code poison…} throws an unexpected exception every time, {@code outage-N…} fails as if the store were
 * away for its first N deliveries, anything else is applied (kept in {@link #applied}).
 */
@SpringBootApplication
public class FaultyConsumers {

    static final List<String> applied = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    @Bean
    Consumer<Message<byte[]>> words() {
        return message -> apply(new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Bean
    Consumer<Message<List<byte[]>>> batches() {
        return batch -> {
            List<byte[]> records = batch.getPayload();
            for (int i = 0; i < records.size(); i++) {
                try {
                    apply(new String(records.get(i), StandardCharsets.UTF_8));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException("record " + i + " failed", failed, i);
                }
            }
        };
    }

    private static void apply(String value) {
        int delivery = deliveries.computeIfAbsent(value, v -> new AtomicInteger()).incrementAndGet();
        if (value.startsWith("poison")) {
            throw new IllegalStateException("cannot apply " + value);
        }
        if (value.startsWith("outage-")) {
            int failures = Integer.parseInt(value.substring("outage-".length(), value.indexOf('-', 7)));
            if (delivery <= failures) {
                throw new DataAccessResourceFailureException("store unreachable (delivery " + delivery + ")");
            }
        }
        if (!applied.contains(value)) {
            applied.add(value);
        }
    }
}
