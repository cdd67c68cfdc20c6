package dev.cascade.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consumers of this service are going through, partition by partition: a partition whose record keeps
 * failing (and since when), records sent to a dead-letter topic, and progress after a failure. The consumer error
 * handling reports here; the health indicator and the metrics read it.
 *
 * <p>Metrics: {@code cascade.consumer.failures} (counter, by topic: failed deliveries, each attempt),
 * {@code cascade.consumer.dead.lettered} (counter, by topic: records this instance sent to {@code <topic>.dlq}),
 * {@code cascade.consumer.stuck.partitions} (gauge: partitions whose record has failed for longer than the stuck
 * threshold) and {@code cascade.consumer.stuck.seconds} (gauge: how long the oldest failing record has failed).
 */
public class ConsumerFaultMonitor {

    /** A partition whose record at {@code offset} has failed {@code attempts} times since {@code since}. */
    public record Failing(String topic, int partition, long offset, Instant since, int attempts, String error) {

        Duration age(Instant now) {
            return Duration.between(since, now);
        }
    }

    private final Map<TopicPartition, Failing> failing = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration stuckAfter;

    public ConsumerFaultMonitor(MeterRegistry meters, Clock clock, Duration stuckAfter) {
        this.meters = meters;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        Gauge.builder("cascade.consumer.stuck.partitions", this, m -> m.stuck().size())
                .description("Partitions whose record has kept failing for longer than cascade.consumer.stuck-after")
                .register(meters);
        Gauge.builder("cascade.consumer.stuck.seconds", this, m -> m.oldestFailure().toMillis() / 1000.0)
                .description("How long the record that has failed longest has been failing, in seconds")
                .baseUnit("seconds").register(meters);
    }

    /** A delivery of the record at {@code offset} failed (attempt 1, 2, …). */
    public void failed(String topic, int partition, long offset, int attempt, Throwable error) {
        TopicPartition key = new TopicPartition(topic, partition);
        Instant now = clock.instant();
        String reason = Failures.describe(error);
        failing.compute(key, (k, before) -> before != null && before.offset() == offset
                ? new Failing(topic, partition, offset, before.since(), Math.max(attempt, before.attempts() + 1), reason)
                : new Failing(topic, partition, offset, now, attempt, reason));
        counter(failures, "cascade.consumer.failures", "Failed deliveries of consumed records (each attempt)", topic)
                .increment();
    }

    /** The record at {@code offset} was sent to the dead-letter topic: the partition moves on. */
    public void deadLettered(String topic, int partition, long offset) {
        failing.computeIfPresent(new TopicPartition(topic, partition),
                (k, before) -> before.offset() <= offset ? null : before);
        counter(deadLettered, "cascade.consumer.dead.lettered",
                "Records this instance sent to a dead-letter topic after they could not be processed", topic)
                .increment();
    }

    /** Records up to {@code offset} were processed: a failure at or before it is over. */
    public void progressed(String topic, int partition, long offset) {
        if (!failing.isEmpty()) {
            failing.computeIfPresent(new TopicPartition(topic, partition),
                    (k, before) -> before.offset() <= offset ? null : before);
        }
    }

    /** The partition is no longer this instance's: whatever failed there is another instance's concern now. */
    public void released(TopicPartition partition) {
        failing.remove(partition);
    }

    /** Partitions whose record has failed for longer than the stuck threshold, the longest first. */
    public List<Failing> stuck() {
        Instant now = clock.instant();
        return failing.values().stream().filter(f -> f.age(now).compareTo(stuckAfter) >= 0)
                .sorted(Comparator.comparing(Failing::since)).toList();
    }

    /** Every partition whose current record has failed at least once, the longest first. */
    public List<Failing> failing() {
        return new ArrayList<>(failing.values().stream().sorted(Comparator.comparing(Failing::since)).toList());
    }

    /** Dead-lettered records by topic, sent by this instance since it started. */
    public Map<String, Long> deadLetteredByTopic() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        deadLettered.forEach((topic, counter) -> counts.put(topic, (long) counter.count()));
        return counts;
    }

    public Duration stuckAfter() {
        return stuckAfter;
    }

    private Duration oldestFailure() {
        Instant now = clock.instant();
        return failing.values().stream().map(f -> f.age(now)).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    private Counter counter(Map<String, Counter> counters, String name, String description, String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder(name).description(description).tag("topic", t)
                .register(meters));
    }
}
