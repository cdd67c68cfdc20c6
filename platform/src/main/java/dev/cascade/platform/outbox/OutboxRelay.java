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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * <p>
 * Each of the {@code cascade.outbox.publishers} relay threads takes the documents waiting for it, up to
 * {@code cascade.outbox.batch-size} at a time: their events are sent together and their acknowledgements awaited
 * together, and the documents whose events were all acknowledged are released in one bulk write
 * ({@link OutboxLeases#releaseAll}). Under a burst of writes that is one broker round trip and one store round trip
 * for many documents instead of one each, so the relay keeps up with its writers; a lone document goes out at once,
 * as before.
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
    /** Documents handed over and waiting for a relay thread. */
    private final BlockingQueue<Handover> handovers;
    private final List<Thread> publishers;
    private volatile boolean closing;
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

    /**
     * A document handed to the relay: leased until {@code until} with its {@code pending} events (whose effects are
     * still to apply when {@code withEffects}), or, with {@code until} null, to be leased by the relay.
     */
    private record Handover(String collection, Object id, Instant until, List<OutboxEvent> pending,
                            boolean withEffects, long handedOver) {
    }

    public OutboxRelay(MongoTemplate mongo, EventProducer producer, Clock clock, Collection<OutboxCollection> collections,
                       ObjectProvider<OutboxEffect> effects, OutboxProperties settings, MeterRegistry meters) {
        this.producer = producer;
        this.clock = clock;
        this.settings = settings;
        this.collections = collections.stream().map(OutboxCollection::name).distinct().toList();
        this.effects = effects;
        this.meters = meters;
        if (settings.getPublishers() < 1 || settings.getBatchSize() < 1 || settings.getQueueCapacity() < 1) {
            throw new IllegalArgumentException("cascade.outbox.publishers, batch-size and queue-capacity must be at "
                    + "least 1, not " + settings.getPublishers() + ", " + settings.getBatchSize() + " and "
                    + settings.getQueueCapacity());
        }
        this.handovers = new ArrayBlockingQueue<>(settings.getQueueCapacity());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Workers.daemons("outbox-sweeper-"));
        this.failures = Counter.builder("cascade.outbox.send.failures")
                .description("Attempts to send a document's pending events that left some unsent").register(meters);
        this.relayTime = Timer.builder("cascade.outbox.relay")
                .description("Time from a document's hand-over to the relay to the broker's acknowledgement of its events")
                .register(meters);
        Gauge.builder("cascade.outbox.queued", handovers, BlockingQueue::size)
                .description("Documents handed to the relay and waiting for a relay thread").register(meters);
        this.leases = new OutboxLeases(mongo, clock);
        this.collections.forEach(leases::createPendingIndex);
        long interval = settings.getSweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
        var threads = Workers.daemons("outbox-relay-");
        this.publishers = new ArrayList<>();
        for (int i = 0; i < settings.getPublishers(); i++) {
            Thread publisher = threads.newThread(this::relayHandovers);
            publishers.add(publisher);
            publisher.start();
        }
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
        submit(new Handover(collection, id, until, pending, !applied, System.nanoTime()));
    }

    /** Hands over a document written with new pending events (not leased). Never throws. */
    public void publishSoon(String collection, Object id) {
        submit(new Handover(collection, id, null, List.of(), true, System.nanoTime()));
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
        Handover leased = lease(new Handover(collection, id, null, List.of(), true, handedOver));
        return leased == null ? 0 : sendLeased(List.of(leased));
    }

    /** {@code handover} leased by the relay, or null when it is held elsewhere, gone, or has nothing pending. */
    private Handover lease(Handover handover) {
        if (handover.until() != null) {
            return handover;
        }
        Instant until = newLease();
        List<OutboxEvent> pending;
        try {
            pending = leases.take(handover.collection(), handover.id(), until);
        } catch (RuntimeException e) {
            leftBehind.set(true);
            log.warn("Could not lease {} {}; the sweeper sends its events: {}", handover.collection(), handover.id(),
                    e.toString());
            return null;
        }
        return pending == null ? null : new Handover(handover.collection(), handover.id(), until, pending, true,
                handover.handedOver());
    }

    private void submit(Handover handover) {
        if (!closing && handovers.offer(handover)) {
            return;
        }
        leftBehind.set(true);
        if (closing) {
            log.warn("The outbox relay is stopping; {} {} is left to the sweeper of the next start",
                    handover.collection(), handover.id());
        } else {
            log.warn("The outbox relay is full ({} documents waiting); {} {} is left to the sweeper",
                    handovers.size(), handover.collection(), handover.id());
        }
        if (handover.until() != null) {
            afterRelease(leases.release(handover.collection(), handover.id(), handover.until(), List.of()),
                    handover.collection(), handover.id());
        }
    }

    /** A relay thread: takes the documents waiting, up to a batch at a time, and sends them; ends once closing. */
    private void relayHandovers() {
        List<Handover> batch = new ArrayList<>(settings.getBatchSize());
        while (true) {
            try {
                Handover first = handovers.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                handovers.drainTo(batch, settings.getBatchSize() - 1);
                List<Handover> leased = new ArrayList<>(batch.size());
                for (Handover handover : batch) {
                    Handover held = lease(handover);
                    if (held != null) {
                        leased.add(held);
                    }
                }
                if (!leased.isEmpty()) {
                    sendLeased(leased);
                }
            } catch (InterruptedException e) {
                return; // close() gave up waiting: what is left is the sweeper's
            } catch (RuntimeException | Error e) {
                leftBehind.set(true);
                log.error("The outbox relay failed on {} document(s); the sweeper sends what they still hold",
                        batch.size(), e);
            } finally {
                batch.clear();
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

    /**
     * Sends the events of leased documents together and waits for their acknowledgements; releases each document with
     * its acknowledged events removed: those whose events were all acknowledged in one bulk write per collection, the
     * others one by one (what was not sent stays pending for the sweeper).
     *
     * @return how many events were sent
     */
    private int sendLeased(List<Handover> documents) {
        List<Handover> sending = new ArrayList<>(documents.size());
        List<OutboxEvent> events = new ArrayList<>();
        for (Handover document : documents) {
            if (document.withEffects() && !applyEffects(document.collection(), document.id(), document.pending())) {
                failed(document, List.of(), "an effect failed");
            } else {
                sending.add(document);
                events.addAll(document.pending());
            }
        }
        EventProducer.Acks acks;
        try {
            acks = events.isEmpty() ? new EventProducer.Acks(List.of(), null) : producer.sendAll(events);
        } catch (RuntimeException refused) {
            acks = new EventProducer.Acks(java.util.Collections.nCopies(events.size(), false), refused);
        }
        int sentEvents = 0;
        int next = 0;
        Map<String, List<OutboxLeases.Acknowledged>> acknowledged = new LinkedHashMap<>();
        for (Handover document : sending) {
            List<String> sent = new ArrayList<>(document.pending().size());
            Throwable firstFailure = null;
            for (OutboxEvent event : document.pending()) {
                if (acks.acknowledged().get(next++)) {
                    sent.add(event.eventId());
                } else if (firstFailure == null) {
                    firstFailure = acks.firstFailure();
                }
            }
            sentEvents += sent.size();
            count(document.collection(), sent.size());
            if (sent.size() == document.pending().size()) {
                failing.set(null);
                relayTime.record(System.nanoTime() - document.handedOver(), TimeUnit.NANOSECONDS);
                acknowledged.computeIfAbsent(document.collection(), c -> new ArrayList<>())
                        .add(new OutboxLeases.Acknowledged(document.id(), document.until(), sent));
            } else {
                failed(document, sent, (document.pending().size() - sent.size()) + " of " + document.pending().size()
                        + " event(s) not acknowledged by the broker: " + firstFailure);
            }
        }
        acknowledged.forEach((collection, released) -> leases.releaseAll(collection, released)
                .forEach((id, outcome) -> afterRelease(outcome, collection, id)));
        return sentEvents;
    }

    /** A document not all of whose events went out: noted for health and the sweeper, released with those sent. */
    private void failed(Handover document, List<String> sent, String why) {
        leftBehind.set(true);
        failures.increment();
        Instant now = Instant.now();
        failing.updateAndGet(f -> new Failure(f == null ? now : f.since(), why));
        log.warn("Could not publish the events of {} {}; they stay pending for the sweeper: {}", document.collection(),
                document.id(), why);
        afterRelease(leases.release(document.collection(), document.id(), document.until(), sent),
                document.collection(), document.id());
    }

    private void count(String collection, int sent) {
        if (sent > 0) {
            Counter.builder("cascade.outbox.sent").description("Events the outbox relay sent, by collection")
                    .tag("collection", collection).register(meters).increment(sent);
        }
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
        return handovers.size();
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
        closing = true;
        long deadline = System.nanoTime() + settings.getDrainTimeout().toNanos();
        try {
            for (Thread publisher : publishers) {
                TimeUnit.NANOSECONDS.timedJoin(publisher, Math.max(1, deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (publishers.stream().anyMatch(Thread::isAlive)) {
            log.warn("{} document(s) still waiting for the relay at shutdown; the next start sends them",
                    handovers.size());
            handovers.clear();
            publishers.forEach(Thread::interrupt);
        }
    }

}
