package dev.cascade.platform.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cascade.contracts.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's query and its index: it finds exactly the documents with pending events and no live lease, and every
 * outbox collection carries the sparse index that answers it. The relay's release of many documents in one write:
 * what it does to each, and what it tells about each.
 */
class OutboxLeasesTest {

    private static final Instant NOW = Instant.parse("2024-12-07T02:00:00Z");
    private static final String COLLECTION = "documents";

    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void store() {
        client = MongoClients.create(EmbeddedMongo.uri());
        mongo = new MongoTemplate(client, "outbox-leases");
        mongo.dropCollection(COLLECTION);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theSweepFindsThePendingFreeDocumentsThroughItsSparseIndex() {
        OutboxLeases leases = new OutboxLeases(mongo, Clock.fixed(NOW, ZoneOffset.UTC));
        leases.createPendingIndex(COLLECTION);
        leases.createPendingIndex(COLLECTION); // every start creates it again: no error, one index

        IndexInfo index = mongo.indexOps(COLLECTION).getIndexInfo().stream()
                .filter(info -> info.getName().equals(OutboxLeases.PENDING_INDEX)).findFirst().orElseThrow();
        assertThat(index.isSparse()).isTrue();
        assertThat(index.getIndexFields()).singleElement()
                .satisfies(field -> assertThat(field.getKey()).isEqualTo("outbox.0.eventId"));

        Document event = new Document("eventId", "e-1").append("type", "cascade.report.submitted");
        Document later = new Document("eventId", "e-2").append("type", "cascade.report.revised");
        mongo.insert(List.of(
                new Document("_id", "never-had-events"),
                new Document("_id", "all-sent").append(OutboxRelay.EVENTS, List.of()),
                new Document("_id", "all-sent-lease-ran-out").append(OutboxRelay.EVENTS, List.of())
                        .append(OutboxRelay.LEASE, Date.from(NOW.minusSeconds(60))),
                new Document("_id", "pending").append(OutboxRelay.EVENTS, List.of(event)),
                new Document("_id", "pending-lease-ran-out").append(OutboxRelay.EVENTS, List.of(event, later))
                        .append(OutboxRelay.LEASE, Date.from(NOW.minusSeconds(1))),
                new Document("_id", "pending-and-leased").append(OutboxRelay.EVENTS, List.of(later))
                        .append(OutboxRelay.LEASE, Date.from(NOW.plusSeconds(20)))), COLLECTION);

        assertThat(leases.pendingAndFree(COLLECTION, 10))
                .containsExactlyInAnyOrder("pending", "pending-lease-ran-out");
        assertThat(leases.pendingAndFree(COLLECTION, 1)).hasSize(1);

        assertThat(leases.release(COLLECTION, "pending-lease-ran-out", NOW.minusSeconds(1), List.of("e-1", "e-2")))
                .isEqualTo(OutboxLeases.Released.DONE);
        assertThat(leases.pendingAndFree(COLLECTION, 10)).containsExactly("pending");
    }

    private static Document event(String id) {
        return new Document("eventId", id).append("type", "cascade.report.submitted");
    }

    private static Document leased(String id, Instant until, Document... events) {
        return new Document("_id", id).append(OutboxRelay.EVENTS, List.of(events))
                .append(OutboxRelay.LEASE, Date.from(until));
    }

    @Test
    void documentsWhoseEventsWereAllSentAreReleasedTogether() {
        OutboxLeases leases = new OutboxLeases(mongo, Clock.fixed(NOW, ZoneOffset.UTC));
        String collection = "released-together";
        mongo.dropCollection(collection);
        Instant until = NOW.plusSeconds(30).plusNanos(123_456); // a lease as newLease() makes it: finer than the store
        mongo.insert(List.of(leased("a", until, event("a-1")), leased("b", until, event("b-1"), event("b-2")),
                leased("untouched", until, event("u-1"))), collection);

        Map<Object, OutboxLeases.Released> released = leases.releaseAll(collection, List.of(
                new OutboxLeases.Acknowledged("a", until, List.of("a-1")),
                new OutboxLeases.Acknowledged("b", until, List.of("b-1", "b-2"))));

        assertThat(released).containsExactly(Map.entry("a", OutboxLeases.Released.DONE),
                Map.entry("b", OutboxLeases.Released.DONE));
        for (String id : List.of("a", "b")) {
            Document stored = mongo.findById(id, Document.class, collection);
            assertThat(stored.getList(OutboxRelay.EVENTS, Document.class)).as(id).isEmpty();
            assertThat(stored.containsKey(OutboxRelay.LEASE)).as(id).isFalse();
        }
        assertThat(mongo.findById("untouched", Document.class, collection).getList(OutboxRelay.EVENTS, Document.class))
                .hasSize(1);
        assertThat(leases.pendingAndFree(collection, 10)).as("the leased one is not free").isEmpty();
    }

    @Test
    void aBulkReleaseThatDoesNotMatchEveryDocumentTellsWhatBecameOfEach() {
        OutboxLeases leases = new OutboxLeases(mongo, Clock.fixed(NOW, ZoneOffset.UTC));
        String collection = "released-apart";
        mongo.dropCollection(collection);
        Instant until = NOW.plusSeconds(30);
        Instant someoneElses = NOW.plusSeconds(25);
        mongo.insert(List.of(
                leased("sent", until, event("s-1")),
                // an event written while the lease was held, after the relay read the document
                leased("written-meanwhile", until, event("w-1"), event("w-2")),
                // the lease ran out during the send and another publisher took the document
                leased("taken-over", someoneElses, event("t-1")),
                leased("deleted", until, event("d-1"))), collection);
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is("deleted")), collection);

        Map<Object, OutboxLeases.Released> released = leases.releaseAll(collection, List.of(
                new OutboxLeases.Acknowledged("sent", until, List.of("s-1")),
                new OutboxLeases.Acknowledged("written-meanwhile", until, List.of("w-1")),
                new OutboxLeases.Acknowledged("taken-over", until, List.of("t-1")),
                new OutboxLeases.Acknowledged("deleted", until, List.of("d-1"))));

        assertThat(released).containsExactly(
                Map.entry("sent", OutboxLeases.Released.DONE),
                Map.entry("written-meanwhile", OutboxLeases.Released.MORE_PENDING),
                Map.entry("taken-over", OutboxLeases.Released.LOST),
                Map.entry("deleted", OutboxLeases.Released.DONE));
        Document meanwhile = mongo.findById("written-meanwhile", Document.class, collection);
        assertThat(meanwhile.getList(OutboxRelay.EVENTS, Document.class)).extracting(d -> d.getString("eventId"))
                .containsExactly("w-2");
        assertThat(meanwhile.containsKey(OutboxRelay.LEASE)).isFalse();
        Document taken = mongo.findById("taken-over", Document.class, collection);
        assertThat(taken.getList(OutboxRelay.EVENTS, Document.class)).extracting(d -> d.getString("eventId"))
                .as("left to its new holder").containsExactly("t-1");
        assertThat(taken.getDate(OutboxRelay.LEASE)).isEqualTo(Date.from(someoneElses));
        assertThat(leases.pendingAndFree(collection, 10)).containsExactly("written-meanwhile");
    }
}
