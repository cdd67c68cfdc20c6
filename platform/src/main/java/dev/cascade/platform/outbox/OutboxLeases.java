package dev.cascade.platform.outbox;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.platform.store.StoreIndexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The leases on outbox documents: who may send a document's events now. Every read and write names the document by
 * {@code _id}, or by {@code _id} and its lease, so each is answered by the {@code _id} index; the sweep's query by the
 * sparse index of pending documents.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class OutboxLeases {

    /** What giving a lease back found. */
    enum Released {
        /** Given back; nothing else is pending. */
        DONE,
        /** Given back; events written while the lease was held are pending. */
        MORE_PENDING,
        /** The lease had run out and another publisher may hold the document: the sweeper sends what is left. */
        LOST,
        /** The store failed: the lease runs out and the sweeper takes the document then. */
        FAILED
    }

    /** The sparse index on {@link #FIRST_PENDING_ID} of every outbox collection. */
    static final String PENDING_INDEX = "outbox_pending";
    /** The id of a document's first pending event: present exactly when it has pending events. */
    static final String FIRST_PENDING_ID = OutboxRelay.EVENTS + ".0.eventId";

    private static final Logger log = LoggerFactory.getLogger(OutboxLeases.class);
    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private final MongoTemplate mongo;
    private final Clock clock;

    /**
     * Creates the sparse index the sweep reads ({@value #PENDING_INDEX}) on {@code collection}. Sparse, it holds an
     * entry only while a document has pending events (usually none: they are sent within moments of the write), so it
     * costs an index update when a document gains its first pending event and when the last is sent.
     */
    void createPendingIndex(String collection) {
        StoreIndexes.create(collection, () -> mongo.indexOps(collection).createIndex(
                new Index().on(FIRST_PENDING_ID, Sort.Direction.ASC).sparse().named(PENDING_INDEX)));
    }

    /**
     * Leases the document: free (no lease), or held by a lease that has run out.
     *
     * @return its pending events, or {@code null} when it is held, gone, or has nothing pending
     */
    List<OutboxEvent> take(String collection, Object id, Instant until) {
        Document document = mongo.findAndModify(events(query(where("_id").is(id).and(OutboxRelay.LEASE).is(null))),
                new Update().set(OutboxRelay.LEASE, until), RETURN_NEW, Document.class, collection);
        if (document == null) {
            Query byId = events(query(where("_id").is(id)));
            byId.fields().include(OutboxRelay.LEASE);
            Document current = mongo.findOne(byId, Document.class, collection);
            Date held = current == null ? null : current.getDate(OutboxRelay.LEASE);
            if (held == null || !hasPending(current) || held.toInstant().isAfter(clock.instant())) {
                return null;
            }
            document = mongo.findAndModify(events(query(where("_id").is(id).and(OutboxRelay.LEASE).is(held))),
                    new Update().set(OutboxRelay.LEASE, until), RETURN_NEW, Document.class, collection);
        }
        if (document == null) {
            return null;
        }
        if (!hasPending(document)) {
            release(collection, id, until, List.of());
            return null;
        }
        return document.getList(OutboxRelay.EVENTS, Document.class, List.of()).stream()
                .map(OutboxDocuments::event).toList();
    }

    /** Removes the sent events and ends the lease, in one write, unless the lease was lost meanwhile. */
    Released release(String collection, Object id, Instant until, List<String> sentEventIds) {
        Update update = new Update().unset(OutboxRelay.LEASE);
        if (!sentEventIds.isEmpty()) {
            update.pull(OutboxRelay.EVENTS, new Document("eventId", new Document("$in", sentEventIds)));
        }
        try {
            Document released = mongo.findAndModify(events(query(where("_id").is(id).and(OutboxRelay.LEASE).is(until))),
                    update, RETURN_NEW, Document.class, collection);
            if (released == null) {
                log.warn("The lease on {} {} ran out while its events were sent; the sweeper sends what is left",
                        collection, id);
                return Released.LOST;
            }
            return hasPending(released) ? Released.MORE_PENDING : Released.DONE;
        } catch (RuntimeException e) {
            log.warn("Could not release {} {}; the sweeper takes it once the lease has run out: {}", collection, id,
                    e.toString());
            return Released.FAILED;
        }
    }

    /** A leased document whose pending events the broker all acknowledged: their ids, and the lease. */
    record Acknowledged(Object id, Instant until, List<String> eventIds) {
    }

    /**
     * {@link #release} for many documents whose events were all sent, in one bulk write instead of one write each:
     * each document's lease ends and its events are cleared, provided the lease is still {@code until} and the
     * document holds exactly as many events as were sent (so none was written while the lease was held: writers only
     * add events, and only the lease's holder removes them). When every document matches, the usual case, each is
     * {@link Released#DONE}. Otherwise each document is read once: one the bulk write did not match is released on
     * its own ({@link #release}, which tells {@code MORE_PENDING} and {@code LOST}).
     *
     * @return what giving back each document's lease found, by id, in the order given
     */
    Map<Object, Released> releaseAll(String collection, List<Acknowledged> documents) {
        Map<Object, Released> released = new LinkedHashMap<>();
        if (documents.size() == 1) {
            Acknowledged only = documents.get(0);
            released.put(only.id(), release(collection, only.id(), only.until(), only.eventIds()));
            return released;
        }
        int matched;
        try {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
            for (Acknowledged document : documents) {
                bulk.updateOne(query(where("_id").is(document.id()).and(OutboxRelay.LEASE).is(document.until())
                                .and(OutboxRelay.EVENTS).size(document.eventIds().size())),
                        new Update().unset(OutboxRelay.LEASE).set(OutboxRelay.EVENTS, List.of()));
            }
            matched = bulk.execute().getMatchedCount();
        } catch (RuntimeException e) {
            log.warn("Could not release {} documents of {}; the sweeper takes them once their leases have run out: {}",
                    documents.size(), collection, e.toString());
            documents.forEach(document -> released.put(document.id(), Released.FAILED));
            return released;
        }
        for (Acknowledged document : documents) {
            released.put(document.id(), matched == documents.size() ? Released.DONE : settle(collection, document));
        }
        return released;
    }

    /** After a bulk release that did not match every document: what became of {@code document}. */
    private Released settle(String collection, Acknowledged document) {
        Document current;
        try {
            Query byId = query(where("_id").is(document.id()));
            byId.fields().include(OutboxRelay.LEASE).include(OutboxRelay.EVENTS + ".eventId");
            current = mongo.findOne(byId, Document.class, collection);
        } catch (RuntimeException e) {
            log.warn("Could not read {} {} after releasing it; the sweeper takes it once the lease has run out: {}",
                    collection, document.id(), e.toString());
            return Released.FAILED;
        }
        if (current == null) {
            return Released.DONE; // deleted meanwhile: nothing left to send
        }
        Date lease = current.getDate(OutboxRelay.LEASE);
        if (lease != null && lease.equals(Date.from(document.until()))) {
            // still this publisher's lease: the bulk write did not match it (events written meanwhile)
            return release(collection, document.id(), document.until(), document.eventIds());
        }
        List<Document> events = current.getList(OutboxRelay.EVENTS, Document.class, List.of());
        if (events.stream().anyMatch(event -> document.eventIds().contains(event.getString("eventId")))) {
            log.warn("The lease on {} {} ran out while its events were sent; the sweeper sends what is left",
                    collection, document.id());
            return Released.LOST;
        }
        return events.isEmpty() ? Released.DONE : Released.MORE_PENDING;
    }

    /**
     * Up to {@code limit} ids of documents with pending events and no live lease (the sweep). The condition on the
     * first pending event's id is answered by the sparse index {@value #PENDING_INDEX}, which holds only the documents
     * with pending events: the sweep reads those, not the whole collection.
     */
    List<Object> pendingAndFree(String collection, int limit) {
        Query pending = new Query(new Criteria().andOperator(where(FIRST_PENDING_ID).exists(true),
                new Criteria().orOperator(where(OutboxRelay.LEASE).is(null),
                        where(OutboxRelay.LEASE).lt(clock.instant())))).limit(limit);
        pending.fields().include("_id");
        return mongo.find(pending, Document.class, collection).stream().map(d -> d.get("_id")).toList();
    }

    /**
     * {@code query} answered with the pending events only: a lease's reads and writes need no more of the document
     * (a report with all its versions, a roll-up with its values), which the store would otherwise encode and this
     * process decode on every send.
     */
    private static Query events(Query query) {
        query.fields().include(OutboxRelay.EVENTS);
        return query;
    }

    static boolean hasPending(Document document) {
        List<?> events = document.get(OutboxRelay.EVENTS, List.class);
        return events != null && !events.isEmpty();
    }
}
