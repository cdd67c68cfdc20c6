package dev.cascade.platform.outbox;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static dev.cascade.platform.store.DocumentFields.date;
import static dev.cascade.platform.store.DocumentFields.putIfPresent;

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
        return withPending(document, events, lease);
    }

    /**
     * {@code document}, an entity as its writer stores it (written by hand where Spring Data's mapping costs too much),
     * carrying {@code events} as pending, leased until {@code lease} ({@code null}: not leased); the same document.
     */
    public static Document withPending(Document document, List<OutboxEvent> events, Instant lease) {
        document.put(OutboxRelay.EVENTS, events.stream().map(OutboxDocuments::event).toList());
        if (lease != null) {
            document.put(OutboxRelay.LEASE, Date.from(lease));
        }
        return document;
    }

    /**
     * A pending event as stored: its fields by name, the time as a date, absent values left out (the form Spring
     * Data's mapping gave it; written by hand, as it is written with every document that announces a change).
     */
    public static Document event(OutboxEvent event) {
        Document stored = new Document();
        putIfPresent(stored, "eventId", event.eventId());
        putIfPresent(stored, "type", event.type());
        putIfPresent(stored, "topic", event.topic());
        putIfPresent(stored, "key", event.key());
        putIfPresent(stored, "subject", event.subject());
        putIfPresent(stored, "time", date(event.time()));
        putIfPresent(stored, "payload", event.payload());
        putIfPresent(stored, "traceparent", event.traceparent());
        return stored;
    }

    /**
     * The event stored as {@link #event(OutboxEvent)} writes it. A payload stored as a string (an event written
     * before payloads were stored as binary, still pending) is read as its UTF-8 bytes: the same bytes are sent.
     */
    public static OutboxEvent event(Document stored) {
        Date time = stored.getDate("time");
        return new OutboxEvent(stored.getString("eventId"), stored.getString("type"), stored.getString("topic"),
                stored.getString("key"), stored.getString("subject"), time == null ? null : time.toInstant(),
                payloadOf(stored.get("payload")), stored.getString("traceparent"));
    }

    private static byte[] payloadOf(Object stored) {
        if (stored == null || stored instanceof byte[]) {
            return (byte[]) stored;
        }
        if (stored instanceof Binary binary) {
            return binary.getData();
        }
        if (stored instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("an outbox event's payload stored as " + stored.getClass().getSimpleName()
                + ", neither binary nor a string");
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
                .map(OutboxDocuments::event).toList();
    }
}
