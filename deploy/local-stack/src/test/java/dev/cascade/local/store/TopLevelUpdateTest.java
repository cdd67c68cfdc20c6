package dev.cascade.local.store;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Updates that only set or remove top-level fields, and replacements, are applied by {@link JournaledCollection}
 * without the base class's deep copies ({@link TopLevelUpdate}): every one of them, and every other kind beside them,
 * gives the same answers and the same documents (fields, order, values and their types) as the library's own memory
 * backend, and the same documents again after a restart from the journal.
 */
class TopLevelUpdateTest {

    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    @TempDir
    Path dir;

    /** One store to compare: a server, a client and the collection under test. */
    private record Store(MongoBackend backend, MongoServer server, MongoClient client,
                         MongoCollection<Document> rollUps)
            implements AutoCloseable {

        static Store of(MongoBackend backend) {
            MongoServer server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
            return new Store(backend, server, client, client.getDatabase("cascade-aggregation").getCollection("rollups"));
        }

        @Override
        public void close() {
            client.close();
            server.shutdown();
        }
    }

    private static Document rollUp(int i) {
        List<Document> children = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            children.add(new Document("unit", "u" + i + "-" + c).append("values",
                    new Document("GDNN_INTAKE", c * 10).append("GDNN_RATE", new Document("n", c).append("d", 7L))));
        }
        return new Document("_id", "p|2024|" + i).append("programme", "p").append("unitCode", "U" + i)
                .append("children", children).append("pending", List.of(new Document("eventId", "e" + i)))
                .append("hasPending", true).append("revision", 1L).append("ratio", 0.5);
    }

    /** What one operation gave: its counts, or the error's code. */
    private static String outcome(Function<MongoCollection<Document>, UpdateResult> operation,
                                  MongoCollection<Document> collection) {
        try {
            UpdateResult result = operation.apply(collection);
            return "matched " + result.getMatchedCount() + ", modified " + result.getModifiedCount()
                    + (result.getUpsertedId() == null ? "" : ", upserted");
        } catch (MongoException e) {
            return "error " + e.getCode();
        }
    }

    /** Every document in the order of its ids, as extended JSON: 2, 2L and 2.0 are told apart. */
    private static List<String> contents(MongoCollection<Document> collection) {
        List<String> documents = new ArrayList<>();
        collection.find().sort(new Document("_id", 1)).forEach(d -> documents.add(d.toJson(EXTENDED)));
        return documents;
    }

    private static List<Function<MongoCollection<Document>, UpdateResult>> operations() {
        List<Function<MongoCollection<Document>, UpdateResult>> operations = new ArrayList<>();
        Bson first = Filters.eq("_id", "p|2024|1");
        // what RollUpStore does: clear the pending events if the revision is still the one sent
        operations.add(c -> c.updateOne(Filters.and(first, Filters.eq("revision", 1L)), Updates.combine(
                Updates.set("pending", List.of()), Updates.set("hasPending", false), Updates.set("revision", 2L))));
        operations.add(c -> c.updateOne(Filters.and(first, Filters.eq("revision", 1L)), Updates.combine(
                Updates.set("pending", List.of()), Updates.set("hasPending", false), Updates.set("revision", 2L))));
        // a value equal as the store compares (2 and 2.0, 0.5 and 0.5): no change
        operations.add(c -> c.updateOne(first, Updates.combine(Updates.set("revision", 2.0),
                Updates.set("ratio", 0.5))));
        operations.add(c -> c.updateOne(first, Updates.set("revision", 3)));
        // a new field goes last; null is a value; a field removed; a field not there removed: no change
        operations.add(c -> c.updateOne(first, Updates.combine(Updates.set("asOf", "2024-12-10"),
                Updates.set("note", null))));
        operations.add(c -> c.updateOne(first, Updates.unset("note")));
        operations.add(c -> c.updateOne(first, Updates.unset("never")));
        operations.add(c -> c.updateOne(first, Updates.combine(Updates.unset("ratio"),
                Updates.set("children", List.of(new Document("unit", "x"))))));
        // nothing matches; an upsert that matches nothing inserts
        operations.add(c -> c.updateOne(Filters.eq("_id", "none"), Updates.set("revision", 9L)));
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|99"), Updates.set("revision", 1L),
                new UpdateOptions().upsert(true)));
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|2"), Updates.set("revision", 5L),
                new UpdateOptions().upsert(true)));
        // many documents at once
        operations.add(c -> c.updateMany(Filters.eq("programme", "p"), Updates.set("hasPending", false)));
        // a unique key taken: refused, nothing changed
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|3"), Updates.set("unitCode", "U4")));
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|3"), Updates.set("unitCode", "U30")));
        // what the base class still does: a dotted path, the id, an operator other than $set and $unset
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|4"), Updates.set("children.0.unit", "y")));
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|4"), Updates.set("_id", "other")));
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|4"), Updates.combine(Updates.inc("revision", 1L),
                Updates.set("hasPending", true))));
        operations.add(c -> c.updateOne(Filters.eq("_id", "p|2024|4"), Updates.push("pending",
                new Document("eventId", "e4b"))));
        // replacements: fields in the replacement's order after the id; the same document: no change; another id:
        // refused; the id given as it is
        operations.add(c -> c.replaceOne(Filters.and(Filters.eq("_id", "p|2024|5"), Filters.eq("revision", 1L)),
                new Document("revision", 2L).append("programme", "p").append("unitCode", "U5")
                        .append("children", List.of()).append("hasPending", true)));
        operations.add(c -> c.replaceOne(Filters.eq("_id", "p|2024|5"),
                new Document("revision", 2L).append("programme", "p").append("unitCode", "U5")
                        .append("children", List.of()).append("hasPending", true)));
        operations.add(c -> c.replaceOne(Filters.eq("_id", "p|2024|5"), new Document("_id", "p|2024|other")
                .append("revision", 3L)));
        operations.add(c -> c.replaceOne(Filters.eq("_id", "p|2024|6"), new Document("unitCode", "U6")
                .append("_id", "p|2024|6").append("revision", 3L)));
        operations.add(c -> c.replaceOne(Filters.eq("_id", "p|2024|7"), new Document("unitCode", "U8")));
        operations.add(c -> c.replaceOne(Filters.eq("_id", "p|2024|50"), new Document("unitCode", "U50"),
                new ReplaceOptions().upsert(true)));
        return operations;
    }

    @Test
    void everyUpdateGivesTheLibrarysAnswersAndDocumentsAlsoAfterARestart() throws Exception {
        List<String> expectedOutcomes = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> expected;
        List<String> journaled;
        Path journal = dir.resolve("cascade.journal");
        try (Store reference = Store.of(new MemoryBackend());
             Store tested = Store.of(new JournaledBackend(journal, Journal.Options.DEFAULT))) {
            for (Store store : List.of(reference, tested)) {
                store.rollUps().createIndex(Indexes.ascending("unitCode"), new IndexOptions().unique(true));
                for (int i = 0; i < 10; i++) {
                    store.rollUps().insertOne(rollUp(i));
                }
            }
            for (var operation : operations()) {
                expectedOutcomes.add(outcome(operation, reference.rollUps()));
                outcomes.add(outcome(operation, tested.rollUps()));
                assertThat(contents(tested.rollUps())).as("after operation %d", outcomes.size())
                        .isEqualTo(contents(reference.rollUps()));
            }
            expected = contents(reference.rollUps());
            journaled = contents(tested.rollUps());
            // the documents changed without the base class: operations 0, 3, 4, 5, 7, 10, 13, the nine of 11, 18, 21
            JournaledCollection rollUps = (JournaledCollection) ((JournaledBackend) tested.backend())
                    .resolveDatabase("cascade-aggregation").resolveCollection("rollups", true);
            assertThat(rollUps.topLevelUpdates()).isEqualTo(7 + 9 + 2);
        }
        assertThat(outcomes).isEqualTo(expectedOutcomes);
        // the operations did what they say (not two stores equally wrong)
        assertThat(outcomes.subList(0, 7)).containsExactly("matched 1, modified 1", "matched 0, modified 0",
                "matched 1, modified 0", "matched 1, modified 1", "matched 1, modified 1", "matched 1, modified 1",
                "matched 1, modified 0");
        assertThat(outcomes.get(12)).startsWith("error 11000");
        assertThat(outcomes.get(20)).startsWith("error");
        assertThat(journaled).isEqualTo(expected);
        assertThat(expected.get(1)).isEqualTo("{\"_id\": \"p|2024|1\", \"programme\": \"p\", \"unitCode\": \"U1\", "
                + "\"children\": [{\"unit\": \"x\"}], \"pending\": [], \"hasPending\": false, "
                + "\"revision\": {\"$numberInt\": \"3\"}, \"asOf\": \"2024-12-10\"}");

        try (Store restarted = Store.of(new JournaledBackend(journal, Journal.Options.DEFAULT))) {
            assertThat(contents(restarted.rollUps())).isEqualTo(expected);
        }
    }

    @Test
    void randomSetsAndUnsetsGiveTheLibrarysDocuments() throws Exception {
        Random random = new Random(16);
        String[] fields = {"a", "b", "c", "revision", "hasPending"};
        Object[] values = {1, 1L, 1.0, 2, "x", null, true, List.of(1, 2), new Document("n", 1)};
        try (Store reference = Store.of(new MemoryBackend());
             Store tested = Store.of(new JournaledBackend(dir.resolve("random.journal"), Journal.Options.DEFAULT))) {
            for (Store store : List.of(reference, tested)) {
                for (int i = 0; i < 20; i++) {
                    store.rollUps().insertOne(new Document("_id", i).append("a", i % 3).append("revision", 1L));
                }
            }
            int modified = 0;
            for (int step = 0; step < 400; step++) {
                List<Bson> changes = new ArrayList<>();
                for (String field : fields) {
                    int choice = random.nextInt(4);
                    if (choice == 0) {
                        changes.add(Updates.set(field, values[random.nextInt(values.length)]));
                    } else if (choice == 1) {
                        changes.add(Updates.unset(field));
                    }
                }
                if (changes.isEmpty()) {
                    continue;
                }
                Bson filter = random.nextBoolean() ? Filters.eq("_id", random.nextInt(20))
                        : Filters.eq("a", values[random.nextInt(values.length)]);
                Bson update = Updates.combine(changes);
                boolean many = random.nextInt(5) == 0;
                Function<MongoCollection<Document>, UpdateResult> operation = many
                        ? c -> c.updateMany(filter, update) : c -> c.updateOne(filter, update);
                String expected = outcome(operation, reference.rollUps());
                assertThat(outcome(operation, tested.rollUps())).as("step %d: %s", step, update).isEqualTo(expected);
                assertThat(contents(tested.rollUps())).as("step %d: %s", step, update)
                        .isEqualTo(contents(reference.rollUps()));
                modified += expected.contains("modified 0") ? 0 : 1;
            }
            assertThat(modified).isGreaterThan(100);
        }
    }

    @Test
    void valuesAreTheSameAsTheStoreComparesThem() {
        de.bwaldvogel.mongo.bson.Document nested = new de.bwaldvogel.mongo.bson.Document("n", 1).append("d", 7L);
        assertThat(TopLevelUpdate.sameValue(1, 1L)).isTrue();
        assertThat(TopLevelUpdate.sameValue(1, 1.0)).isTrue();
        assertThat(TopLevelUpdate.sameValue(-0.0, 0)).isTrue();
        assertThat(TopLevelUpdate.sameValue(1, 2L)).isFalse();
        // a long a double cannot hold is compared as a long
        assertThat(TopLevelUpdate.sameValue(9_007_199_254_740_993L, 9_007_199_254_740_992L)).isFalse();
        assertThat(TopLevelUpdate.sameValue(null, de.bwaldvogel.mongo.backend.Missing.getInstance())).isTrue();
        assertThat(TopLevelUpdate.sameValue(null, 0)).isFalse();
        assertThat(TopLevelUpdate.sameValue(nested, new de.bwaldvogel.mongo.bson.Document("n", 1.0).append("d", 7)))
                .isTrue();
        assertThat(TopLevelUpdate.sameValue(nested, new de.bwaldvogel.mongo.bson.Document("d", 7L).append("n", 1)))
                .as("fields in another order").isFalse();
        assertThat(TopLevelUpdate.sameValue(nested, new de.bwaldvogel.mongo.bson.Document("n", 1))).isFalse();
        assertThat(TopLevelUpdate.sameValue(List.of(1, nested), List.of(1.0, nested))).isTrue();
        assertThat(TopLevelUpdate.sameValue(List.of(1, nested), List.of(1, nested, 2))).isFalse();
        assertThat(TopLevelUpdate.sameValue(List.of(1), 1)).isFalse();
        assertThat(TopLevelUpdate.sameValue("1", 1)).isFalse();
        assertThat(TopLevelUpdate.sameValue("x", "x")).isTrue();
    }
}
