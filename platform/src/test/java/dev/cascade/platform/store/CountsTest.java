package dev.cascade.platform.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cascade.contracts.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Counting with the store's count command gives what the driver's countDocuments gives, on the embedded store. */
class CountsTest {

    static final String COLLECTION = "counted";

    enum Status { OPEN, OVERDUE }

    static MongoClient client;
    static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri());
        mongo = new MongoTemplate(client, "cascade-platform-counts-test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void store() {
        mongo.dropCollection(COLLECTION);
        Instant noon = Instant.parse("2024-12-10T05:00:00Z");
        for (int i = 0; i < 30; i++) {
            Document doc = new Document("_id", "o" + i).append("status", i % 3 == 0 ? "OVERDUE" : "OPEN")
                    .append("user", "u" + (i % 4));
            if (i % 5 == 0) {
                doc.append("readAt", Date.from(noon.plusSeconds(i)));
            } else if (i % 5 == 1) {
                doc.append("readAt", null);
            }
            mongo.insert(doc, COLLECTION);
        }
    }

    @Test
    void countsWhatCountDocumentsCountsWithEnumsNullsAndInstantsWrittenAsAQueryWritesThem() {
        Query open = query(where("status").is(Status.OPEN));
        Query overdue = query(where("status").is(Status.OVERDUE));
        Query unread = query(where("user").is("u1").and("readAt").is(null)); // missing or null
        Query readLate = query(where("readAt").gte(Instant.parse("2024-12-10T05:00:15Z")));

        assertThat(Counts.matching(mongo, open, COLLECTION)).isEqualTo(20).isEqualTo(mongo.count(open, COLLECTION));
        assertThat(Counts.matching(mongo, overdue, COLLECTION)).isEqualTo(10)
                .isEqualTo(mongo.count(overdue, COLLECTION));
        // u1: o1, o5, o9, o13, o17, o21, o25, o29; read: o5, o25
        assertThat(Counts.matching(mongo, unread, COLLECTION)).isEqualTo(6).isEqualTo(mongo.count(unread, COLLECTION));
        // read at o15, o20, o25 (o0, o5, o10 before)
        assertThat(Counts.matching(mongo, readLate, COLLECTION)).isEqualTo(3)
                .isEqualTo(mongo.count(readLate, COLLECTION));
        assertThat(Counts.matching(mongo, open, "absent")).isZero();
    }

    @Test
    void aQueryWithoutCriteriaIsRefusedRatherThanCountedSlowly() {
        assertThatThrownBy(() -> Counts.matching(mongo, new Query(), COLLECTION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(COLLECTION);
    }
}
