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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's query and its index: it finds exactly the documents with pending events and no live lease, and every
 * outbox collection carries the sparse index that answers it.
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
}
