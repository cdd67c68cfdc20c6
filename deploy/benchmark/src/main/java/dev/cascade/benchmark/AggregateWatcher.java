package dev.cascade.benchmark;

import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Follows {@code cascade.aggregates.v1} like an outside consumer, from the end of every partition at the time it
 * starts (before the benchmark's plan exists, so it sees every aggregate of the programme). Keeps the latest
 * aggregate per key of the programme and, for the ministry key ({@code …|BGDDT}), each version's {@code completeness.received} with
 * its arrival time (System.nanoTime of the poll that returned it).
 */
final class AggregateWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String prefix;
    private final Thread thread;
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private final List<InclusionLatency.Arrival> ministryArrivals = new CopyOnWriteArrayList<>();
    private final List<UnitArrival> arrivals = new CopyOnWriteArrayList<>();
    private volatile long ministryReceived;
    private volatile long records;
    private volatile Throwable failure;

    AggregateWatcher(String bootstrap, String programme) {
        this(Topics.AGGREGATES, programme, false, KafkaClients.ministry(bootstrap));
    }

    /**
     * Follows {@code topic} from its beginning (a replay's scratch topic: read with {@code config}, an admin's
     * settings, as the ministry may read only the live topic) or from its end ({@code fromBeginning} false).
     */
    AggregateWatcher(String topic, String programme, boolean fromBeginning, Map<String, Object> config) {
        this.prefix = programme + "|";
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "cascade-benchmark-aggregates");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // fix the starting offsets now, before the plan is created
        this.thread = new Thread(this::run, "aggregate-watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> record : batch) {
                    if (record.key() == null || !record.key().startsWith(prefix) || record.value() == null) {
                        continue;
                    }
                    records++;
                    JsonNode aggregate = StackApi.JSON.readTree(record.value());
                    arrivals.add(new UnitArrival(record.key().substring(record.key().lastIndexOf('|') + 1), now));
                    latest.merge(record.key(), aggregate,
                            (old, neu) -> neu.path("version").asLong() >= old.path("version").asLong() ? neu : old);
                    if (record.key().endsWith("|BGDDT")) {
                        long received = aggregate.path("completeness").path("received").asLong();
                        ministryArrivals.add(new InclusionLatency.Arrival(received, now));
                        ministryReceived = Math.max(ministryReceived, received);
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } catch (Throwable e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    long ministryReceived() {
        return ministryReceived;
    }

    long records() {
        return records;
    }

    /** Waits until the ministry aggregate shows {@code count} received reports; returns its arrival or -1 on timeout. */
    long awaitMinistryReceived(long count, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastPrint = start;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("  waiting for the ministry aggregate: %,d/%,d received (%.0f s)%n", ministryReceived,
                        count, (lastPrint - start) / 1e9);
            }
            if (failure != null) {
                throw new IllegalStateException("aggregate consumer failed", failure);
            }
            if (ministryReceived >= count) {
                for (InclusionLatency.Arrival arrival : ministryArrivals) {
                    if (arrival.received() >= count) {
                        return arrival.nanos();
                    }
                }
            }
            Thread.sleep(5);
        }
        return -1;
    }

    /** An aggregate of the programme for {@code unitCode} arrived at {@code nanos} (System.nanoTime). */
    record UnitArrival(String unitCode, long nanos) {
    }

    /** When the first aggregate of {@code unitCode} after {@code afterNanos} arrived, or -1 if none has. */
    long firstArrivalAfter(String unitCode, long afterNanos) {
        for (UnitArrival arrival : arrivals) {
            if (arrival.nanos() >= afterNanos && arrival.unitCode().equals(unitCode)) {
                return arrival.nanos();
            }
        }
        return -1;
    }

    List<InclusionLatency.Arrival> ministryArrivals() {
        return List.copyOf(ministryArrivals);
    }

    Map<String, JsonNode> latest() {
        return Map.copyOf(latest);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
