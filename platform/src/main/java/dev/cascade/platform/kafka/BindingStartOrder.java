package dev.cascade.platform.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Starts input bindings in an order ({@code cascade.consumer.start-after}): a binding named there starts once its
 * group has read every record its predecessors' topics held when the service started (their groups' committed offsets
 * have reached those end offsets). A fresh instance replaying its topics from offset 0 then reads the units before
 * the plans that name them, and both before the reports that need them, instead of retrying plans with backoff and
 * parking every report to apply it a second time. A running service restarting is held only while its predecessors
 * catch up with what arrived while it was down.
 *
 * <p>What arrives later is read as it comes, in any order, as before. A held binding starts anyway after
 * {@code cascade.consumer.start-after-at-most} (default 2 minutes), with a warning: a predecessor that cannot catch up
 * (a record retried for long, a broker away) must not stop the rest; what then arrives out of order is retried or
 * parked, as always. Each held binding must be configured not to start by itself
 * ({@code spring.cloud.stream.bindings.<name>.consumer.auto-startup: false}); one that started anyway is refused at
 * start-up. Gauge {@code cascade.consumer.binding.held{binding}}: 1 while a binding is held.
 */
public final class BindingStartOrder implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BindingStartOrder.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long one reading of offsets may take before it counts as failed (and is tried again). */
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, List<String>> startAfter;
    private final Duration atMost;
    private final BindingsLifecycleController bindings;
    private final BindingServiceProperties bindingProperties;
    private final Supplier<Admin> adminFactory;
    private final Clock clock;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile Thread worker;
    private boolean startedOnce;

    public BindingStartOrder(Map<String, List<String>> startAfter, Duration atMost,
                             BindingsLifecycleController bindings, BindingServiceProperties bindingProperties,
                             Supplier<Admin> adminFactory, Clock clock, MeterRegistry meters) {
        this.startAfter = new LinkedHashMap<>(startAfter);
        this.atMost = atMost;
        this.bindings = bindings;
        this.bindingProperties = bindingProperties;
        this.adminFactory = adminFactory;
        this.clock = clock;
        held.addAll(startAfter.keySet());
        startAfter.keySet().forEach(binding -> Gauge.builder("cascade.consumer.binding.held",
                        () -> held.contains(binding) ? 1 : 0)
                .description("1 while the input binding waits for the bindings it starts after "
                        + "(cascade.consumer.start-after)")
                .tag("binding", binding).register(meters));
    }

    /**
     * Right after the input bindings have started (those not held), and again whenever the context is started after a
     * stop: then a held binding the bindings' own restart started already is left running, and the others are held
     * again.
     */
    @Override
    public void start() {
        if (startAfter.isEmpty() || worker != null) {
            return;
        }
        boolean first = !startedOnce;
        startedOnce = true;
        held.addAll(startAfter.keySet());
        if (bindings == null || bindingProperties == null) {
            throw new IllegalStateException("cascade.consumer.start-after names input bindings " + startAfter.keySet()
                    + ", but this service has no Spring Cloud Stream bindings");
        }
        for (String binding : startAfter.keySet()) {
            List<Binding<?>> found = bindings.queryState(binding);
            if (found == null || found.isEmpty()) {
                throw new IllegalStateException("cascade.consumer.start-after names " + binding
                        + ", which is not an input binding of this service");
            }
            if (found.stream().anyMatch(Binding::isRunning)) {
                if (!first) {
                    held.remove(binding);
                    continue;
                }
                throw new IllegalStateException("input binding " + binding + " is to start after " + startAfter.get(
                        binding) + " (cascade.consumer.start-after) but started by itself: set spring.cloud.stream"
                        + ".bindings." + binding + ".consumer.auto-startup=false");
            }
        }
        if (held.isEmpty()) {
            return;
        }
        Thread thread = new Thread(this::run, "binding-start-order");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(POLL.toMillis() * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        held.addAll(startAfter.keySet());
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** After the input bindings' lifecycle ({@code Integer.MAX_VALUE - 3000}): started after them, stopped before. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    @Override
    public void close() {
        stop();
    }

    /** The bindings still held. */
    public Set<String> held() {
        return Set.copyOf(held);
    }

    private void run() {
        Instant started = clock.instant();
        Instant deadline = started.plus(atMost);
        try (Admin admin = adminFactory.get()) {
            Set<String> predecessors = startAfter.values().stream().flatMap(List::stream)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Map<String, Map<TopicPartition, Long>> targets = new HashMap<>();
            for (String predecessor : predecessors) {
                targets.put(predecessor, untilReady(deadline, () -> toRead(admin, predecessor)));
                if (targets.get(predecessor) == null) {
                    break;
                }
            }
            log.info("input bindings {} start once {} have read what their topics hold now", startAfter.keySet(),
                    predecessors);
            Set<String> caughtUp = new LinkedHashSet<>();
            while (!held.isEmpty()) {
                if (clock.instant().isAfter(deadline)) {
                    log.warn("input bindings {} started without waiting any longer for {}: not caught up within {}; "
                            + "what they read before their predecessors is retried or parked", held,
                            predecessors.stream().filter(p -> !caughtUp.contains(p)).toList(), atMost);
                    held.forEach(this::start);
                    held.clear();
                    return;
                }
                for (String predecessor : predecessors) {
                    Map<TopicPartition, Long> target = targets.get(predecessor);
                    if (!caughtUp.contains(predecessor) && target != null && hasRead(admin, predecessor, target)) {
                        caughtUp.add(predecessor);
                    }
                }
                for (String binding : startAfter.keySet()) {
                    if (held.contains(binding) && caughtUp.containsAll(startAfter.get(binding))) {
                        start(binding);
                        held.remove(binding);
                        log.info("input binding {} started: {} caught up in {} ms", binding, startAfter.get(binding),
                                Duration.between(started, clock.instant()).toMillis());
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("input bindings {} started without their order: {}", held, e.toString());
            held.forEach(this::start);
            held.clear();
        }
    }

    private void start(String binding) {
        bindings.start(binding);
    }

    /** Retries {@code read} until it answers or the deadline passes (then {@code null}). */
    private <T> T untilReady(Instant deadline, Supplier<T> read) throws InterruptedException {
        while (true) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (clock.instant().isAfter(deadline)) {
                    return null;
                }
                log.debug("reading the end offsets failed, again shortly: {}", e.toString());
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * The end offset of each partition of the binding's topics that has records to read now (end after beginning);
     * a topic that does not exist yet has none.
     */
    private Map<TopicPartition, Long> toRead(Admin admin, String binding) {
        List<String> topics = Arrays.stream(bindingProperties.getBindingDestination(binding).split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : topics) {
            try {
                Map<TopicPartition, Long> earliest = ConsumerLag.offsets(admin, List.of(topic), OffsetSpec.earliest(),
                        ADMIN_TIMEOUT);
                Map<TopicPartition, Long> latest = ConsumerLag.offsets(admin, List.of(topic), OffsetSpec.latest(),
                        ADMIN_TIMEOUT);
                latest.forEach((partition, end) -> {
                    if (end > earliest.getOrDefault(partition, 0L)) {
                        ends.put(partition, end);
                    }
                });
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue;
                }
                throw new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return ends;
    }

    /** Whether the binding's group has committed at least {@code target} on every partition named there. */
    private boolean hasRead(Admin admin, String binding, Map<TopicPartition, Long> target) {
        if (target.isEmpty()) {
            return true;
        }
        try {
            return ConsumerLag.caughtUp(target, ConsumerLag.committed(admin, bindingProperties.getGroup(binding),
                    ADMIN_TIMEOUT));
        } catch (ExecutionException | TimeoutException e) {
            log.debug("reading the committed offsets of {} failed, again shortly: {}", binding,
                    (e.getCause() == null ? e : e.getCause()).toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
