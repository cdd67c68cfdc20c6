package dev.cascade.local;

import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Follows {@code cascade.aggregates.v1} like any outside consumer would (on the local broker as the {@code ministry}
 * principal, with a group of its prefix), and prints each change on the console.
 */
final class AggregateFeed implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final PrintStream out;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Thread thread;

    /** @param client bootstrap servers and, on a locked broker, the credential to read with */
    AggregateFeed(Map<String, Object> client, PrintStream out) {
        this.out = out;
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaCredentials.MINISTRY_GROUP_PREFIX + "local-stack-console-"
                + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::run, "aggregate-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        consumer.subscribe(List.of(Topics.AGGREGATES));
        thread.start();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    out.println(describe(record));
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    private String describe(ConsumerRecord<String, String> record) {
        try {
            JsonNode aggregate = json.readTree(record.value());
            StringBuilder line = new StringBuilder("[aggregate] ").append(record.key())
                    .append(" v").append(aggregate.path("version").asLong());
            aggregate.path("values").properties().forEach(entry -> {
                JsonNode value = entry.getValue().path("value");
                line.append("  ").append(entry.getKey()).append('=')
                        .append(value.isNumber() ? value.decimalValue().toPlainString() : "-");
            });
            JsonNode completeness = aggregate.path("completeness");
            line.append("  reported ").append(completeness.path("received").asInt()).append('/')
                    .append(completeness.path("expected").asInt())
                    .append(" (late ").append(completeness.path("late").asInt()).append(')');
            return line.toString();
        } catch (RuntimeException unreadable) {
            return "[aggregate] " + record.key() + " (unreadable: " + unreadable.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
