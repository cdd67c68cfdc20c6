package dev.cascade.platform.outbox;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The outbox fields of a stored document ({@value OutboxRelay#EVENTS}, {@value OutboxRelay#LEASE}), kept out of the
 * services' records: a writer turns its record into the document it stores with its pending events, and whoever
 * must see what is still pending (an operator, a test) reads it here.
 */
public final class OutboxDocuments {

    private OutboxDocuments() {
    }

    /**
     * {@code entity} as the document to store, carrying {@code events} as pending, leased until {@code lease} by its
     * writer (from {@link OutboxRelay#newLease()}; {@code null}: not leased).
     */
    public static Document withPending(MongoConverter converter, Object entity, List<OutboxEvent> events,
                                       Instant lease) {
        Document document = new Document();
        converter.write(entity, document);
        document.put(OutboxRelay.EVENTS, events.stream().map(event -> {
            Document stored = new Document();
            converter.write(event, stored);
            stored.remove("_class");
            return stored;
        }).toList());
        if (lease != null) {
            document.put(OutboxRelay.LEASE, Date.from(lease));
        }
        return document;
    }

    /** Until when document {@code id} of {@code collection} is leased to a publisher; {@code null}: it is not. */
    public static Instant leasedUntil(MongoTemplate mongo, String collection, Object id) {
        Document document = mongo.findById(id, Document.class, collection);
        Date lease = document == null ? null : document.getDate(OutboxRelay.LEASE);
        return lease == null ? null : lease.toInstant();
    }

    /** The events still pending in document {@code id} of {@code collection}; empty when none or no document. */
    public static List<OutboxEvent> pending(MongoTemplate mongo, String collection, Object id) {
        Document document = mongo.findById(id, Document.class, collection);
        return document == null ? List.of() : document.getList(OutboxRelay.EVENTS, Document.class, List.of()).stream()
                .map(event -> mongo.getConverter().read(OutboxEvent.class, event)).toList();
    }
}
