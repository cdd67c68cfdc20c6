package dev.cascade.platform.outbox;

import dev.cascade.platform.concurrent.Workers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The one way a service publishes the events of its state changes (the transactional outbox, in one document).
 * <p>
 * A writer stores the change and its pending {@link OutboxEvent}s in one document write (array {@value #EVENTS}), then
 * hands the document to this relay and answers its caller: the events go to the broker off the caller's thread, in
 * one batch per document ({@link EventProducer#sendAll}), and the acknowledged ones are removed from the document in one
 * write. With the broker away the writer still answers at once; the events wait in the document.
 * <ul>
 *   <li><b>Lease.</b> A document is leased ({@value #LEASE}) while its events are sent, so two publishers (the relay
 *       of the writer, the sweeper, another instance) never send them at once. When a lease is given back and the
 *       document has gained events meanwhile, the relay sends those too.</li>
 *   <li><b>Sweeper.</b> Every {@code cascade.outbox.sweep-interval} it sends what a failed send left behind, and every
 *       {@code cascade.outbox.full-sweep-interval} (and at start) whatever any instance left behind when it died.
 *       Re-sends keep the event ids, so consumers drop duplicates.</li>
 *   <li><b>Effects.</b> An {@link OutboxEffect} for an event type runs before every attempt to send such an event.</li>
 *   <li><b>Health and metrics.</b> {@link #failingSince()} feeds health component {@code outbox};
 *       {@code cascade_outbox_sent_total}, {@code cascade_outbox_send_failures_total}, {@code cascade_outbox_queued}
 *       and {@code cascade_outbox_relay_seconds} (write to acknowledgement).</li>
 * </ul>
 * The leases themselves: {@link OutboxLeases}.
 */
public class OutboxRelay implements AutoCloseable, SmartInitializingSingleton {

    /** The array of pending {@link OutboxEvent}s in a document. */
    public static final String EVENTS = "outbox";
    /** Until when a publisher holds the document. */
    public static final String LEASE = "outboxLease";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int SWEEP_BATCH = 200;

    private final OutboxLeases leases;
    private final EventProducer producer;
    private final Clock clock;
    private final OutboxProperties settings;
    private final List<String> collections;
    private final ObjectProvider<OutboxEffect> effects;
    /**
     * The effects by event type, looked up once every bean exists ({@link #afterSingletonsInstantiated}); until then
     * (a sweep during start-up) through the provider on each use, which costs a bean-factory look-up per event.
     */
    private volatile Map<String, List<OutboxEffect>> effectsByType;
    private final ThreadPoolExecutor relay;
    private final ScheduledExecutorService sweeper;
    /** Set when a publish left events behind; the next sweep then runs at once. */
    private final AtomicBoolean leftBehind = new AtomicBoolean(true);
    private final AtomicReference<Failure> failing = new AtomicReference<>();
    private volatile Instant lastFullSweep = Instant.MIN;
    private final Counter failures;
    private final Timer relayTime;
    private final MeterRegistry meters;

    /** Sends have failed without a success since {@code since}; {@code error} is the last failure. */
    public record Failure(Instant since, String error) {
    }

    public OutboxRelay(MongoTemplate mongo, EventProducer producer, Clock clock, Collection<OutboxCollection> collections,
                       ObjectProvider<OutboxEffect> effects, OutboxProperties settings, MeterRegistry meters) {
        this.producer = producer;
        this.clock = clock;
        this.settings = settings;
        this.collections = collections.stream().map(OutboxCollection::name).distinct().toList();
        this.effects = effects;
        this.meters = meters;
        this.relay = new ThreadPoolExecutor(settings.getPublishers(), settings.getPublishers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.getQueueCapacity()), Workers.daemons("outbox-relay-"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Workers.daemons("outbox-sweeper-"));
        this.failures = Counter.builder("cascade.outbox.send.failures")
                .description("Attempts to send a document's pending events that left some unsent").register(meters);
        this.relayTime = Timer.builder("cascade.outbox.relay")
                .description("Time from a document's hand-over to the relay to the broker's acknowledgement of its events")
                .register(meters);
        Gauge.builder("cascade.outbox.queued", relay, r -> r.getQueue().size())
                .description("Documents handed to the relay and waiting for a relay thread").register(meters);
        this.leases = new OutboxLeases(mongo, clock);
        this.collections.forEach(leases::createPendingIndex);
        long interval = settings.getSweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterSingletonsInstantiated() {
        effectsByType = effects.orderedStream()
                .collect(Collectors.groupingBy(OutboxEffect::eventType, LinkedHashMap::new, Collectors.toList()));
    }

    /** A lease that starts now, for a document its writer stores already leased (saving the write that takes it). */
    public Instant newLease() {
        return clock.instant().plus(settings.getLease());
    }

    /**
     * Hands over a document its caller has just written with {@code pending} and {@link #LEASE} = {@code until}
     * (from {@link #newLease()}). The effects of the events run here, on the caller's thread, so that what the caller
     * reads next is already changed; the events are sent by the relay. Never throws.
     */
    public void publishLeasedSoon(String collection, Object id, Instant until, List<OutboxEvent> pending) {
        boolean applied = applyEffects(collection, id, pending);
        long handedOver = System.nanoTime();
        submit(collection, id, until, () -> sendLeased(collection, id, until, pending, !applied, handedOver));
    }

    /** Hands over a document written with new pending events (not leased). Never throws. */
    public void publishSoon(String collection, Object id) {
        long handedOver = System.nanoTime();
        submit(collection, id, null, () -> publish(collection, id, handedOver));
    }

    /** {@link #publishSoon(String, Object)} for each of {@code ids}. */
    public void publishSoon(String collection, Collection<?> ids) {
        ids.forEach(id -> publishSoon(collection, id));
    }

    /**
     * Sends the pending events of one document now, on this thread, and returns once they are acknowledged or have
     * failed. Never throws: what could not be sent stays pending.
     *
     * @return how many events were sent
     */
    public int publish(String collection, Object id) {
        return publish(collection, id, System.nanoTime());
    }

    private int publish(String collection, Object id, long handedOver) {
        Instant until = newLease();
        List<OutboxEvent> pending = leases.take(collection, id, until);
        if (pending == null) {
            return 0;
        }
        return sendLeased(collection, id, until, pending, true, handedOver);
    }

    private void submit(String collection, Object id, Instant heldUntil, Runnable send) {
        try {
            relay.execute(send);
        } catch (RejectedExecutionException full) {
            leftBehind.set(true);
            log.warn("The outbox relay is full ({} documents waiting); {} {} is left to the sweeper",
                    relay.getQueue().size(), collection, id);
            if (heldUntil != null) {
                afterRelease(leases.release(collection, id, heldUntil, List.of()), collection, id);
            }
        }
    }

    private boolean applyEffects(String collection, Object id, List<OutboxEvent> pending) {
        try {
            for (OutboxEvent event : pending) {
                effectsOf(event.type()).forEach(e -> e.apply(event));
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("An effect of {} {} failed; the relay applies it again before sending: {}", collection, id,
                    e.toString());
            return false;
        }
    }

    private List<OutboxEffect> effectsOf(String eventType) {
        Map<String, List<OutboxEffect>> byType = effectsByType;
        return byType != null ? byType.getOrDefault(eventType, List.of())
                : effects.orderedStream().filter(e -> e.eventType().equals(eventType)).toList();
    }

    private int sendLeased(String collection, Object id, Instant until, List<OutboxEvent> pending,
                           boolean withEffects, long handedOver) {
        List<String> sent = new ArrayList<>(pending.size());
        try {
            if (withEffects && !applyEffects(collection, id, pending)) {
                throw new IllegalStateException("an effect failed");
            }
            EventProducer.Acks acks = producer.sendAll(pending);
            for (int i = 0; i < pending.size(); i++) {
                if (acks.acknowledged().get(i)) {
                    sent.add(pending.get(i).eventId());
                }
            }
            if (!acks.all()) {
                throw new IllegalStateException((pending.size() - sent.size()) + " of " + pending.size()
                        + " event(s) not acknowledged by the broker: " + acks.firstFailure());
            }
            failing.set(null);
            relayTime.record(System.nanoTime() - handedOver, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            leftBehind.set(true);
            failures.increment();
            Instant now = Instant.now();
            failing.updateAndGet(f -> new Failure(f == null ? now : f.since(), e.getMessage()));
            log.warn("Could not publish the events of {} {}; they stay pending for the sweeper: {}", collection, id,
                    e.getMessage());
        } finally {
            if (!sent.isEmpty()) {
                Counter.builder("cascade.outbox.sent").description("Events the outbox relay sent, by collection")
                        .tag("collection", collection).register(meters).increment(sent.size());
            }
            afterRelease(leases.release(collection, id, until, sent), collection, id);
        }
        return sent.size();
    }

    /**
     * Sends every event still pending in any outbox (after a failed send, or a crash between a write and its send),
     * on this thread. Public so that tests and operators can run it; the sweeper runs it.
     *
     * @return how many events were sent
     */
    public int publishPending() {
        int sent = 0;
        for (String collection : collections) {
            boolean more = true;
            while (more) {
                List<Object> ids = leases.pendingAndFree(collection, SWEEP_BATCH);
                int sentInBatch = 0;
                for (Object id : ids) {
                    sentInBatch += publish(collection, id);
                }
                sent += sentInBatch;
                more = ids.size() == SWEEP_BATCH && sentInBatch > 0;
            }
        }
        return sent;
    }

    private void afterRelease(OutboxLeases.Released released, String collection, Object id) {
        if (released == OutboxLeases.Released.MORE_PENDING && failing.get() == null) {
            publishSoon(collection, id); // events written while the lease was held: their writer could not take it
        } else if (released != OutboxLeases.Released.DONE) {
            leftBehind.set(true); // lost, failed, or more pending while sends fail: the sweeper's
        }
    }

    /** Whether sends are failing, since when and why; {@code null} while the last send went through. */
    public Failure failingSince() {
        return failing.get();
    }

    /** Documents handed over and not yet taken by a relay thread. */
    public int queued() {
        return relay.getQueue().size();
    }

    /**
     * Sweeps when a publish of this process left events behind, and in any case every
     * {@code cascade.outbox.full-sweep-interval} (for what another instance left behind when it died).
     */
    void sweep() {
        Instant now = clock.instant();
        boolean due = !lastFullSweep.plus(settings.getFullSweepInterval()).isAfter(now);
        if (!leftBehind.getAndSet(false) && !due) {
            return;
        }
        lastFullSweep = now;
        try {
            int sent = publishPending();
            if (sent > 0) {
                log.info("Outbox sweep sent {} pending event(s)", sent);
            }
        } catch (RuntimeException e) {
            leftBehind.set(true);
            log.warn("Outbox sweep failed: {}", e.toString());
        }
    }

    /** Lets the documents already handed over go out (up to {@code cascade.outbox.drain-timeout}), then stops. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        relay.shutdown();
        try {
            if (!relay.awaitTermination(settings.getDrainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} document(s) still waiting for the relay at shutdown; the next start sends them",
                        relay.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.shutdownNow();
        }
    }

}
