package dev.cascade.local;

import dev.cascade.local.CascadeServices.Service;
import dev.cascade.platform.kafka.ConsumerLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Whether the four services have caught up after a start: every consumer group of theirs has committed the end of
 * every partition its bindings read ({@link KafkaAccess#consumerInputs}), and nothing waits in their stores to be
 * published or applied (report-service's outboxes and leases, aggregation-service's parked inputs and unsent roll-ups:
 * {@link InFlight}). Plan-service publishes the demo plans while it starts; report-service opens their obligations, and
 * aggregation-service learns them, only once each has read them, seconds later (its plans binding waits for the units
 * first). The stack says "Ready" after this, so that the README's first request finds the demo in place.
 *
 * <p>Settled means two readings in a row with nothing behind, nothing in flight and the same end offsets: a record
 * published between the first reading and the second (an obligation's event leaving report-service's outbox after its
 * plan's offset was committed) moves the ends, and the wait goes on. Reminders and digests that notification-service
 * is sending are not waited for: they follow the clock, not the start.
 */
final class Settling {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    /** What the wait found: settled or not, after how long, and what was still behind (empty when settled). */
    record Result(boolean settled, Duration took, String behind) {
    }

    private Settling() {
    }

    /** Waits at most {@code atMost} for the services to settle; never throws for a broker or store that does not answer. */
    static Result await(Map<String, Object> adminClient, String mongoUri, Duration atMost) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + atMost.toNanos();
        Map<String, Set<String>> inputs = new TreeMap<>();
        for (Service service : Service.values()) {
            inputs.putAll(KafkaAccess.consumerInputs(service.id));
        }
        Set<String> topics = inputs.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Object> config = new HashMap<>(adminClient);
        config.putIfAbsent("request.timeout.ms", 5000);
        config.putIfAbsent("default.api.timeout.ms", 5000);
        String behind = "not read yet";
        Map<TopicPartition, Long> quietEnds = null;
        try (Admin admin = Admin.create(config)) {
            while (true) {
                Map<TopicPartition, Long> ends = null;
                try {
                    ends = offsets(admin, topics, OffsetSpec.latest());
                    Map<String, Long> lag = lag(admin, inputs, ends, offsets(admin, topics, OffsetSpec.earliest()));
                    lag.values().removeIf(records -> records == 0);
                    if (lag.isEmpty()) {
                        InFlight inFlight = InFlight.read(mongoUri);
                        behind = inFlight.reportOutboxes() + inFlight.reportLeases() + inFlight.parkedInputs()
                                + inFlight.pendingRollUps() == 0 ? "" : "in flight in the stores: " + inFlight;
                    } else {
                        behind = "records not yet read: " + lag;
                    }
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    behind = "could not be read: " + e;
                    ends = null;
                }
                if (behind.isEmpty()) {
                    if (ends.equals(quietEnds)) {
                        return new Result(true, Duration.ofNanos(System.nanoTime() - begin), "");
                    }
                    quietEnds = ends;
                } else {
                    quietEnds = null;
                }
                if (System.nanoTime() > deadline) {
                    return new Result(false, Duration.ofNanos(System.nanoTime() - begin),
                            behind.isEmpty() ? "new records kept arriving" : behind);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * Records each group has not read yet of the topics it reads ({@link ConsumerLag#behind}: records gone by
     * retention or compaction do not count).
     */
    static Map<String, Long> lag(Admin admin, Map<String, Set<String>> inputs, Map<TopicPartition, Long> ends,
                                 Map<TopicPartition, Long> starts)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> group : inputs.entrySet()) {
            Map<TopicPartition, Long> itsEnds = new HashMap<>(ends);
            itsEnds.keySet().removeIf(partition -> !group.getValue().contains(partition.topic()));
            lag.put(group.getKey(), ConsumerLag.behind(itsEnds, starts,
                    ConsumerLag.committed(admin, group.getKey(), ADMIN_TIMEOUT)));
        }
        return lag;
    }

    static Map<TopicPartition, Long> offsets(Admin admin, Set<String> topics, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        return ConsumerLag.offsets(admin, topics, spec, ADMIN_TIMEOUT);
    }
}
