package dev.cascade.platform.kafka;

import dev.cascade.platform.concurrent.Workers;
import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many records the dead-letter topics of this service's inputs hold (end offset minus start offset, whoever
 * sent them), read with an admin client at most every {@code cascade.consumer.dead-letter-check-interval}. A record
 * in a dead-letter topic is an input some consumer could not apply: an operator has to look at it, so health shows
 * it until the topic is emptied (records deleted or the topic's retention passed).
 */
@RequiredArgsConstructor
public class DeadLetterTopics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);

    /** The sizes as last read, or why they could not be read. */
    public record Reading(Map<String, Long> records, Instant at, String error) {
    }

    private final Set<String> inputs = ConcurrentHashMap.newKeySet();
    private final Supplier<Admin> adminFactory;
    private final Clock clock;
    private final Duration interval;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(Workers.daemons("dead-letter-topics-"));
    private volatile Admin admin;
    private Reading last;
    private boolean reading;

    /** An input topic of this service: its dead-letter topic is watched. */
    public void watch(String inputTopic) {
        inputs.add(inputTopic);
    }

    public Set<String> watched() {
        return Set.copyOf(inputs);
    }

    /**
     * The sizes as last read; read again, on a thread of its own, when that reading is older than the interval. A
     * health request never waits for the broker: with the broker away, each admin call waits up to 5 s, and
     * report-service's health took longer than a probe's timeout (seen with the broker stopped).
     */
    public Reading read() {
        Instant now = clock.instant();
        synchronized (this) {
            if (!reading && (last == null || Duration.between(last.at(), now).compareTo(interval) >= 0)) {
                reading = true;
                if (last == null) {
                    last = new Reading(Map.of(), now, "not read yet");
                }
                reader.execute(this::refresh);
            }
            return last;
        }
    }

    private void refresh() {
        Reading next;
        try {
            next = new Reading(sizes(), clock.instant(), null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("could not read the dead-letter topics' sizes", e);
            synchronized (this) {
                next = new Reading(last.records(), clock.instant(), Failures.describe(e));
            }
        }
        synchronized (this) {
            last = next;
            reading = false;
        }
    }

    private Map<String, Long> sizes() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        if (admin == null) {
            admin = adminFactory.get();
        }
        Map<String, Long> sizes = new TreeMap<>();
        for (String input : inputs) {
            sizes.put(Topics.deadLetter(input), 0L);
        }
        Map<String, TopicDescription> descriptions = new HashMap<>();
        for (String dlq : sizes.keySet()) {
            try {
                descriptions.put(dlq, admin.describeTopics(Set.of(dlq)).allTopicNames().get(5, TimeUnit.SECONDS)
                        .get(dlq));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.forEach((topic, description) -> description.partitions().forEach(p -> {
            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }));
        if (latest.isEmpty()) {
            return sizes;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(5, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(5, TimeUnit.SECONDS);
        ends.forEach((partition, end) -> sizes.merge(partition.topic(),
                Math.max(0, end.offset() - starts.get(partition).offset()), Long::sum));
        return sizes;
    }

    @Override
    public void close() {
        reader.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
