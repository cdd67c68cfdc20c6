package dev.cascade.report.outbox;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Publishes the events that documents carry in their outbox: sends them in order, each one waiting for the broker's
 * ack, and removes each from its document once acknowledged. A document is leased while its events are sent so
 * that two publishers (the request that wrote it, the sweeper, another instance) do not send them at once. What a
 * failure or a crash leaves behind is sent by {@link #publishPending()}, with the same event ids.
 */
@Component
public class Outbox {

    /** The array of pending {@link OutboxEvent}s in a document. */
    public static final String EVENTS = "outbox";
    /** Until when a publisher holds the document. */
    public static final String LEASE = "outboxLease";

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int SWEEP_BATCH = 200;

    private final MongoTemplate mongo;
    private final EventSender sender;
    private final Clock clock;
    private final Duration lease;
    private final List<String> collections;
    private final ObjectProvider<OutboxEffect> effects;

    public Outbox(MongoTemplate mongo, EventSender sender, Clock clock, List<OutboxCollection> collections,
                  ObjectProvider<OutboxEffect> effects, @Value("${cascade.outbox.lease:30s}") Duration lease) {
        this.mongo = mongo;
        this.sender = sender;
        this.clock = clock;
        this.lease = lease;
        this.collections = collections.stream().map(OutboxCollection::name).toList();
        this.effects = effects;
    }

    /**
     * Sends the pending events of one document. Never throws: what could not be sent stays pending.
     *
     * @return how many events were sent
     */
    public int publish(String collection, Object id) {
        Instant until = clock.instant().plus(lease);
        Document document = mongo.findAndModify(query(where("_id").is(id).andOperator(pendingAndFree())),
                new Update().set(LEASE, until), FindAndModifyOptions.options().returnNew(true), Document.class,
                collection);
        if (document == null) {
            return 0;
        }
        int sent = 0;
        try {
            for (Document pending : document.getList(EVENTS, Document.class)) {
                OutboxEvent event = mongo.getConverter().read(OutboxEvent.class, pending);
                effects.orderedStream().filter(e -> e.eventType().equals(event.type())).forEach(e -> e.apply(event));
                sender.send(event);
                mongo.updateFirst(query(where("_id").is(id)),
                        new Update().pull(EVENTS, new Document("eventId", event.eventId())), collection);
                sent++;
            }
        } catch (RuntimeException e) {
            log.warn("Could not publish the events of {} {}; they stay pending for the sweeper: {}", collection, id,
                    e.toString());
        } finally {
            mongo.updateFirst(query(where("_id").is(id).and(LEASE).is(until)), new Update().unset(LEASE), collection);
        }
        return sent;
    }

    /**
     * Sends every event still pending in any outbox (after a failed send, or a crash between a write and its
     * send). Public so that tests and the system test can run it; it also runs every
     * {@code cascade.outbox.sweep-interval}.
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

    @Scheduled(fixedDelayString = "${cascade.outbox.sweep-interval:5s}",
            initialDelayString = "${cascade.outbox.sweep-interval:5s}")
    void sweep() {
        try {
            int sent = publishPending();
            if (sent > 0) {
                log.info("Outbox sweep sent {} pending event(s)", sent);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed: {}", e.toString());
        }
    }

    private Criteria pendingAndFree() {
        return new Criteria().andOperator(where(EVENTS + ".0").exists(true),
                new Criteria().orOperator(where(LEASE).is(null), where(LEASE).lt(clock.instant())));
    }
}
