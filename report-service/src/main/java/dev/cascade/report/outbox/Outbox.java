package dev.cascade.report.outbox;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Publishes the events that documents carry in their outbox: sends them in order, each one waiting for the broker's
 * ack, then removes the acknowledged ones from the document in one write. A document is leased while its events are
 * sent so that two publishers (the request that wrote it, the sweeper, another instance) do not send them at once.
 * What a failure or a crash leaves behind is sent by {@link #publishPending()}, with the same event ids.
 * <p>
 * Every read and write of a publish names the document by {@code _id} alone or by {@code _id} and its lease, so each
 * is answered by an index: the {@code _id} index, or the unique index on {@code (_id, outboxLease)} created here. The
 * embedded store answers a query by an index only when the query names exactly that index's fields (it ignores
 * non-unique indexes and scans the collection otherwise); a real MongoDB uses the {@code _id} index either way.
 */
@Component
public class Outbox {

    /** The array of pending {@link OutboxEvent}s in a document. */
    public static final String EVENTS = "outbox";
    /** Until when a publisher holds the document. */
    public static final String LEASE = "outboxLease";

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int SWEEP_BATCH = 200;
    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private final MongoTemplate mongo;
    private final EventSender sender;
    private final Clock clock;
    private final Duration lease;
    private final Duration fullSweepInterval;
    private final List<String> collections;
    private final ObjectProvider<OutboxEffect> effects;
    /** Set when a publish of this process left events behind; the next scheduled sweep then runs at once. */
    private final AtomicBoolean leftBehind = new AtomicBoolean(true);
    private volatile Instant lastFullSweep = Instant.MIN;
    private final ExecutorService publishers;

    public Outbox(MongoTemplate mongo, EventSender sender, Clock clock, List<OutboxCollection> collections,
                  ObjectProvider<OutboxEffect> effects, @Value("${cascade.outbox.lease:30s}") Duration lease,
                  @Value("${cascade.outbox.full-sweep-interval:60s}") Duration fullSweepInterval,
                  @Value("${cascade.outbox.publishers:8}") int publishers) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("outbox-publisher-");
        threads.setDaemon(true);
        this.publishers = Executors.newFixedThreadPool(publishers, threads);
        this.mongo = mongo;
        this.sender = sender;
        this.clock = clock;
        this.lease = lease;
        this.fullSweepInterval = fullSweepInterval;
        this.collections = collections.stream().map(OutboxCollection::name).toList();
        this.effects = effects;
        for (String collection : this.collections) {
            mongo.indexOps(collection).createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on(LEASE, Sort.Direction.ASC).unique().named("id_lease"));
        }
    }

    /**
     * Sends the pending events of one document. Never throws: what could not be sent stays pending.
     *
     * @return how many events were sent
     */
    public int publish(String collection, Object id) {
        Instant until = newLease();
        Document document = take(collection, id, until);
        if (document == null) {
            return 0;
        }
        List<OutboxEvent> pending = document.getList(EVENTS, Document.class, List.of()).stream()
                .map(event -> mongo.getConverter().read(OutboxEvent.class, event)).toList();
        return publishLeased(collection, id, until, pending);
    }

    /**
     * Publishes the pending events of many documents (the obligations a period opens), {@code cascade.outbox.publishers}
     * documents at a time; each document's own events stay in order. Never throws.
     *
     * @return how many events were sent
     */
    public int publishAll(String collection, List<?> ids) {
        List<Future<Integer>> sends = new ArrayList<>(ids.size());
        for (Object id : ids) {
            sends.add(publishers.submit(() -> publish(collection, id)));
        }
        int sent = 0;
        for (Future<Integer> send : sends) {
            try {
                sent += send.get();
            } catch (ExecutionException e) {
                leftBehind.set(true);
                log.warn("Could not publish a document of {}; the sweeper will: {}", collection, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                leftBehind.set(true);
                break;
            }
        }
        return sent;
    }

    @PreDestroy
    void stopPublishers() {
        publishers.shutdown();
    }

    /** A lease that starts now, for a document that its writer stores already leased. */
    public Instant newLease() {
        return clock.instant().plus(lease);
    }

    /**
     * Sends {@code pending}, the events of a document its caller has just written with them and with
     * {@link #LEASE} = {@code until} (from {@link #newLease()}): the same as {@link #publish} without the write that
     * takes the lease.
     *
     * @return how many events were sent
     */
    public int publishLeased(String collection, Object id, Instant until, List<OutboxEvent> pending) {
        List<String> sent = new ArrayList<>();
        try {
            for (OutboxEvent event : pending) {
                effects.orderedStream().filter(e -> e.eventType().equals(event.type())).forEach(e -> e.apply(event));
                sender.send(event);
                sent.add(event.eventId());
            }
        } catch (RuntimeException e) {
            leftBehind.set(true);
            log.warn("Could not publish the events of {} {}; they stay pending for the sweeper: {}", collection, id,
                    e.toString());
        } finally {
            release(collection, id, until, sent);
        }
        return sent.size();
    }

    /**
     * Leases the document: free (no lease), or held by a lease that has run out. Returns it as leased, or
     * {@code null} when it is held, gone, or has nothing pending.
     */
    private Document take(String collection, Object id, Instant until) {
        Document document = mongo.findAndModify(query(where("_id").is(id).and(LEASE).is(null)),
                new Update().set(LEASE, until), RETURN_NEW, Document.class, collection);
        if (document == null) {
            Document current = mongo.findById(id, Document.class, collection);
            Date held = current == null ? null : current.getDate(LEASE);
            if (held == null || !hasPending(current) || held.toInstant().isAfter(clock.instant())) {
                return null;
            }
            document = mongo.findAndModify(query(where("_id").is(id).and(LEASE).is(held)),
                    new Update().set(LEASE, until), RETURN_NEW, Document.class, collection);
        }
        if (document != null && !hasPending(document)) {
            release(collection, id, until, List.of());
            return null;
        }
        return document;
    }

    /** Removes the sent events and ends the lease, in one write, unless the lease was lost meanwhile. */
    private void release(String collection, Object id, Instant until, List<String> sentEventIds) {
        Update update = new Update().unset(LEASE);
        if (!sentEventIds.isEmpty()) {
            update.pull(EVENTS, new Document("eventId", new Document("$in", sentEventIds)));
        }
        try {
            if (mongo.updateFirst(query(where("_id").is(id).and(LEASE).is(until)), update, collection)
                    .getMatchedCount() == 0) {
                leftBehind.set(true);
                log.warn("The lease on {} {} ran out while its events were sent; the sweeper sends what is left",
                        collection, id);
            }
        } catch (RuntimeException e) {
            leftBehind.set(true);
            log.warn("Could not release {} {}; the sweeper takes it once the lease has run out: {}", collection, id,
                    e.toString());
        }
    }

    private static boolean hasPending(Document document) {
        List<?> events = document.get(EVENTS, List.class);
        return events != null && !events.isEmpty();
    }

    /**
     * Sends every event still pending in any outbox (after a failed send, or a crash between a write and its
     * send). Public so that tests and operators can run it; the scheduled {@link #sweep()} runs it.
     *
     * @return how many events were sent
     */
    public int publishPending() {
        int sent = 0;
        for (String collection : collections) {
            boolean more = true;
            while (more) {
                Query pending = new Query(pendingAndFree()).limit(SWEEP_BATCH);
                pending.fields().include("_id");
                List<Document> ids = mongo.find(pending, Document.class, collection);
                int sentInBatch = 0;
                for (Document document : ids) {
                    sentInBatch += publish(collection, document.get("_id"));
                }
                sent += sentInBatch;
                more = ids.size() == SWEEP_BATCH && sentInBatch > 0;
            }
        }
        return sent;
    }

    /**
     * Every {@code cascade.outbox.sweep-interval}: sweeps when a publish of this process left events behind, and in
     * any case every {@code cascade.outbox.full-sweep-interval} (and at start-up), which picks up what another
     * instance left behind when it died. The sweep query cannot use an index, so it does not run on every tick.
     */
    @Scheduled(fixedDelayString = "${cascade.outbox.sweep-interval:5s}",
            initialDelayString = "${cascade.outbox.sweep-interval:5s}")
    void sweep() {
        Instant now = clock.instant();
        boolean due = !lastFullSweep.plus(fullSweepInterval).isAfter(now);
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

    private Criteria pendingAndFree() {
        return new Criteria().andOperator(where(EVENTS + ".0").exists(true),
                new Criteria().orOperator(where(LEASE).is(null), where(LEASE).lt(clock.instant())));
    }
}
