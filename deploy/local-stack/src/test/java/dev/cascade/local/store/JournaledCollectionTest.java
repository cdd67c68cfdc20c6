package dev.cascade.local.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries the base class answered by scanning the collection or by copying whole documents, through the MongoDB
 * driver: the same answers, by a unique index and without the copy.
 */
class JournaledCollectionTest {

    @TempDir
    Path dir;

    private void withReports(BiConsumer<MongoCollection<Document>, JournaledCollection> work) throws Exception {
        JournaledBackend backend = new JournaledBackend(dir.resolve("cascade.journal"), Journal.Options.DEFAULT);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> reports = client.getDatabase("cascade-report").getCollection("reports");
            reports.createIndex(Indexes.ascending("programme", "period", "unitCode"),
                    new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                documents.add(new Document("_id", "r" + i).append("programme", "KH-294").append("period", "2024")
                        .append("unitCode", String.valueOf(10_000 + i)).append("status", i % 2 == 0 ? "OPEN" : "CLOSED")
                        .append("version", (long) i % 5)
                        .append("values", new Document("GDNN_GRADUATES", i).append("GDNN_INTAKE", 2 * i))
                        .append("reportingUnits", List.of("u" + i, "v" + i)));
            }
            reports.insertMany(documents);
            JournaledCollection stored = (JournaledCollection) backend.resolveDatabase("cascade-report")
                    .resolveCollection("reports", true);
            work.accept(reports, stored);
        } finally {
            server.shutdown();
        }
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    @Test
    void aQueryNamingAUniqueIndexsFieldsAndMoreIsAnsweredByTheIndexAndTheWholeQuery() throws Exception {
        withReports((reports, stored) -> {
            long before = stored.scans();
            assertThat(ids(reports.find(Filters.and(Filters.eq("_id", "r7"), Filters.eq("status", "CLOSED")))))
                    .containsExactly("r7");
            // the index's candidate must still match the rest of the query
            assertThat(ids(reports.find(Filters.and(Filters.eq("_id", "r7"), Filters.eq("status", "OPEN")))))
                    .isEmpty();
            assertThat(ids(reports.find(Filters.and(Filters.eq("programme", "KH-294"), Filters.eq("period", "2024"),
                    Filters.eq("unitCode", "10042"), Filters.eq("version", 2L))))).containsExactly("r42");
            assertThat(ids(reports.find(Filters.and(Filters.eq("_id", "r43"), Filters.gt("version", 3L)))))
                    .isEmpty();

            // conditional writes: applied only when the whole condition holds
            assertThat(reports.updateOne(Filters.and(Filters.eq("_id", "r8"), Filters.eq("version", 2L)),
                    Updates.set("status", "ACCEPTED")).getModifiedCount()).isZero();
            assertThat(reports.updateOne(Filters.and(Filters.eq("_id", "r8"), Filters.eq("version", 3L),
                    Filters.eq("status", "OPEN")), Updates.set("status", "ACCEPTED")).getModifiedCount()).isOne();
            assertThat(reports.find(Filters.eq("_id", "r8")).first().getString("status")).isEqualTo("ACCEPTED");
            assertThat(reports.deleteOne(Filters.and(Filters.eq("_id", "r9"), Filters.eq("status", "OPEN")))
                    .getDeletedCount()).isZero();
            assertThat(reports.deleteOne(Filters.and(Filters.eq("_id", "r9"), Filters.eq("status", "CLOSED")))
                    .getDeletedCount()).isOne();
            // the driver's Filters.and sends {$and: [...]}; Spring Data's Criteria one document of the fields
            assertThat(reports.updateOne(Filters.and(Filters.eq("_id", "r10"), Filters.eq("version", 0L)),
                    Updates.set("version", 1L)).getModifiedCount()).isOne();
            assertThat(reports.find(new Document("_id", "r10").append("version", 1L).append("status", "OPEN")).first())
                    .isNotNull();
            assertThat(reports.find(new Document("$and", List.of(new Document("_id", "r10"),
                    new Document("$and", List.of(new Document("version", 1L)))))).first()).isNotNull();
            assertThat(reports.find(new Document("$and", List.of(new Document("_id", "r10"), new Document("_id", "r11"))))
                    .first()).isNull();
            assertThat(stored.scans()).isEqualTo(before);

            // no unique index among the fields, or one named by an operator or a pattern: the whole collection, as before
            assertThat(ids(reports.find(Filters.and(Filters.in("_id", "r11", "r12"), Filters.eq("status", "CLOSED")))))
                    .containsExactly("r11");
            assertThat(reports.countDocuments(Filters.eq("status", "OPEN"))).isEqualTo(99);
            assertThat(ids(reports.find(Filters.and(Filters.eq("programme", "KH-294"), Filters.eq("period", "2024"),
                    Filters.regex("unitCode", "^1019[89]$"), Filters.eq("status", "OPEN"))))).containsExactly("r198");
            assertThat(reports.countDocuments(Filters.eq("status", "ACCEPTED"))).isOne();
            assertThat(stored.scans()).isEqualTo(before + 4);
        });
    }

    @Test
    void aProjectionLeavingOutTopLevelFieldsAnswersTheOtherFieldsInTheirOrder() throws Exception {
        withReports((reports, stored) -> {
            Document outline = reports.find(Filters.eq("_id", "r3"))
                    .projection(Projections.exclude("reportingUnits", "values")).first();
            assertThat(outline).isEqualTo(new Document("_id", "r3").append("programme", "KH-294")
                    .append("period", "2024").append("unitCode", "10003").append("status", "CLOSED")
                    .append("version", 3L));
            assertThat(new ArrayList<>(outline.keySet()))
                    .containsExactly("_id", "programme", "period", "unitCode", "status", "version");
            assertThat(reports.find(Filters.eq("status", "CLOSED")).sort(new Document("unitCode", -1)).skip(1)
                    .limit(2).projection(new Document("_id", 0).append("reportingUnits", false)).into(new ArrayList<>()))
                    .containsExactly(new Document("programme", "KH-294").append("period", "2024")
                                    .append("unitCode", "10197").append("status", "CLOSED").append("version", 2L)
                                    .append("values", new Document("GDNN_GRADUATES", 197).append("GDNN_INTAKE", 394)),
                            new Document("programme", "KH-294").append("period", "2024").append("unitCode", "10195")
                                    .append("status", "CLOSED").append("version", 0L)
                                    .append("values", new Document("GDNN_GRADUATES", 195).append("GDNN_INTAKE", 390)));

            // a reply does not change with the stored document after it
            reports.updateOne(Filters.eq("_id", "r3"), Updates.set("values.GDNN_GRADUATES", 30));
            assertThat(reports.find(Filters.eq("_id", "r3")).projection(Projections.exclude("reportingUnits")).first()
                    .get("values", Document.class).getInteger("GDNN_GRADUATES")).isEqualTo(30);
            assertThat(outline.containsKey("values")).isFalse();

            // a path, or an inclusion: the base class's projection, as before
            assertThat(reports.find(Filters.eq("_id", "r4")).projection(Projections.exclude("values.GDNN_INTAKE"))
                    .first().get("values", Document.class)).isEqualTo(new Document("GDNN_GRADUATES", 4));
            assertThat(reports.find(Filters.eq("_id", "r4")).projection(Projections.include("status")).first())
                    .isEqualTo(new Document("_id", "r4").append("status", "OPEN"));
        });
    }

    @Test
    void onlyAProjectionOfTopLevelFieldsLeftOutIsTakenForOne() {
        assertThat(JournaledCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("reportingUnits", 0)
                .append("successions", false).append("_id", 0.0))).isEqualTo(Set.of("reportingUnits", "successions", "_id"));
        assertThat(JournaledCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("a", 0)
                .append("status", 1))).isNull();
        assertThat(JournaledCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("values.x", 0)))
                .isNull();
        assertThat(JournaledCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("versions",
                new de.bwaldvogel.mongo.bson.Document("$slice", 1)))).isNull();
        assertThat(JournaledCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document())).isNull();
        assertThat(JournaledCollection.topLevelExclusions(null)).isNull();
    }
}
