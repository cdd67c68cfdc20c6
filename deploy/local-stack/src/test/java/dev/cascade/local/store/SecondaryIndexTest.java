package dev.cascade.local.store;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-unique indexes in the journaled store, through the MongoDB driver: every query gives exactly the answer (and
 * order) of a scan, checked against a twin collection without the indexes after the same random writes; the queries
 * an index can narrow read no whole collection; the indexes come back after a restart.
 */
class SecondaryIndexTest {

    private static final List<String> INDEXED = List.of("n", "s", "arr", "sub.k", "items.code", "outbox.0", "when",
            "flag");
    private static final String[] WORDS = {"OPEN", "CLOSED", "Hà Nội", "a", "b", "", "OVERDUE", "zz"};

    @TempDir
    Path dir;

    private record Stores(MongoServer server, JournaledBackend backend, MongoClient client) implements AutoCloseable {

        MongoDatabase database() {
            return client.getDatabase("cascade-test");
        }

        JournaledCollection stored(String name) {
            return (JournaledCollection) backend.resolveDatabase("cascade-test").resolveCollection(name, true);
        }

        @Override
        public void close() {
            client.close();
            server.shutdown();
        }
    }

    private Stores open() throws java.io.IOException {
        JournaledBackend backend = new JournaledBackend(dir.resolve("cascade.journal"), Journal.Options.DEFAULT);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        return new Stores(server, backend, MongoClients.create("mongodb://127.0.0.1:" + address.getPort()));
    }

    @Test
    void everyQueryAnswersAsAScanAfterRandomWrites() throws Exception {
        try (Stores stores = open()) {
            for (int seed = 1; seed <= 4; seed++) {
                Random random = new Random(seed);
                MongoCollection<Document> indexed = stores.database().getCollection("indexed" + seed);
                MongoCollection<Document> scanned = stores.database().getCollection("scanned" + seed);
                indexed.createIndex(Indexes.ascending("n"));
                indexed.createIndex(Indexes.ascending("s", "n"));
                for (String field : INDEXED.subList(2, INDEXED.size())) {
                    indexed.createIndex(Indexes.ascending(field));
                }
                int nextId = 0;
                for (int i = 0; i < 300; i++) {
                    Document document = randomDocument(random, nextId++);
                    indexed.insertOne(document);
                    scanned.insertOne(document);
                }
                long indexedScans = stores.stored("indexed" + seed).scans();
                long scannedScans = stores.stored("scanned" + seed).scans();
                int queries = 0;
                for (int round = 0; round < 400; round++) {
                    switch (random.nextInt(6)) {
                        case 0 -> { // an update of some fields, by a narrowed or scanned query
                            Bson filter = randomFilter(random);
                            Bson update = randomUpdate(random);
                            assertThat(indexed.updateMany(filter, update).getModifiedCount())
                                    .isEqualTo(scanned.updateMany(filter, update).getModifiedCount());
                            assertThat(all(indexed)).as("after " + filter + " / " + update).isEqualTo(all(scanned));
                        }
                        case 1 -> { // deletes, and inserts that take the freed positions
                            Bson filter = Filters.eq("_id", random.nextInt(nextId));
                            assertThat(indexed.deleteOne(filter).getDeletedCount())
                                    .isEqualTo(scanned.deleteOne(filter).getDeletedCount());
                            Document document = randomDocument(random, nextId++);
                            indexed.insertOne(document);
                            scanned.insertOne(document);
                        }
                        default -> {
                            Bson filter = randomFilter(random);
                            assertSameAnswers(indexed, scanned, filter, random);
                            queries++;
                        }
                    }
                }
                assertThat(all(indexed)).isEqualTo(all(scanned));
                assertThat(queries).isGreaterThan(200);
                // the scans the indexes saved: the twin scanned for every query and conditional write
                long saved = (stores.stored("scanned" + seed).scans() - scannedScans)
                        - (stores.stored("indexed" + seed).scans() - indexedScans);
                assertThat(saved).as("scans saved by the indexes, seed " + seed).isGreaterThan(120);
                Bson many = Filters.in("s", "a", "b");
                assertThat(indexed.deleteMany(many).getDeletedCount())
                        .isEqualTo(scanned.deleteMany(many).getDeletedCount());
                assertThat(all(indexed)).isEqualTo(all(scanned));
            }
        }
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> scanned,
                                          Bson filter, Random random) {
        List<Function<FindIterable<Document>, FindIterable<Document>>> shapes = List.of(
                find -> find,
                find -> find.sort(Sorts.descending("n")).limit(7),
                find -> find.skip(3).limit(5),
                find -> find.sort(new Document("$natural", -1)));
        var shape = shapes.get(random.nextInt(shapes.size()));
        List<Document> expected = shape.apply(scanned.find(filter)).into(new ArrayList<>());
        assertThat(shape.apply(indexed.find(filter)).into(new ArrayList<>())).as(filter.toString())
                .isEqualTo(expected);
        assertThat(indexed.countDocuments(filter)).isEqualTo(scanned.countDocuments(filter));
    }

    private static List<Integer> listOf(Iterable<Integer> positions) {
        List<Integer> list = new ArrayList<>();
        positions.forEach(list::add);
        return list;
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        return collection.find().into(new ArrayList<>());
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> random.nextInt(20);
            case 1 -> (long) random.nextInt(20);
            case 2 -> random.nextInt(40) / 2.0;
            case 3 -> random.nextBoolean() ? -0.0 : Double.NaN;
            case 4 -> (1L << 53) + random.nextInt(3);
            case 5, 6 -> WORDS[random.nextInt(WORDS.length)];
            case 7 -> new Date(1_700_000_000_000L + random.nextInt(10) * 86_400_000L);
            case 8 -> random.nextBoolean();
            case 9 -> null;
            case 10 -> List.of(random.nextInt(20), WORDS[random.nextInt(WORDS.length)]);
            default -> new Document("k", random.nextInt(5));
        };
    }

    private static Document randomDocument(Random random, int id) {
        Document document = new Document("_id", id);
        putSometimes(random, document, "n", randomValue(random));
        putSometimes(random, document, "s", random.nextInt(4) == 0 ? randomValue(random)
                : WORDS[random.nextInt(WORDS.length)]);
        putSometimes(random, document, "arr", switch (random.nextInt(4)) {
            case 0 -> List.of();
            case 1 -> List.of(random.nextInt(10), random.nextInt(10));
            case 2 -> List.of(WORDS[random.nextInt(WORDS.length)], List.of(random.nextInt(10)));
            default -> randomValue(random);
        });
        putSometimes(random, document, "sub", random.nextBoolean() ? new Document("k", randomValue(random))
                : random.nextBoolean() ? List.of(new Document("k", randomValue(random)), new Document("k",
                randomValue(random)), 7) : List.of(List.of(new Document("k", randomValue(random)))));
        putSometimes(random, document, "items", List.of(new Document("code", WORDS[random.nextInt(WORDS.length)]),
                new Document("code", random.nextInt(5))));
        putSometimes(random, document, "outbox", switch (random.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of(new Document("eventId", "e" + random.nextInt(5)));
            default -> new Document("0", random.nextInt(3));
        });
        putSometimes(random, document, "when", randomValue(random) instanceof Date date ? date
                : random.nextBoolean() ? null : new Date(1_700_000_000_000L + random.nextInt(10) * 86_400_000L));
        putSometimes(random, document, "flag", random.nextInt(3) == 0 ? randomValue(random) : random.nextBoolean());
        return document;
    }

    private static void putSometimes(Random random, Document document, String field, Object value) {
        if (random.nextInt(6) != 0) {
            document.put(field, value);
        }
    }

    private static Bson randomCondition(Random random) {
        return randomCondition(random, INDEXED.get(random.nextInt(INDEXED.size())));
    }

    private static Bson randomCondition(Random random, String field) {
        Object value = randomValue(random);
        Object other = randomValue(random);
        return switch (random.nextInt(10)) {
            case 0, 1 -> Filters.eq(field, value);
            case 2 -> Filters.gt(field, value);
            case 3 -> Filters.lte(field, value);
            case 4 -> Filters.and(Filters.gte(field, value), Filters.lt(field, other));
            case 5 -> new Document(field, new Document("$gt", value).append("$lte", other));
            case 6 -> Filters.in(field, value, other);
            case 7 -> Filters.exists(field, random.nextInt(3) != 0);
            case 8 -> Filters.ne(field, value);
            default -> new Document(field, new Document("$lt", value).append("$ne", other));
        };
    }

    private static Bson randomFilter(Random random) {
        return switch (random.nextInt(5)) {
            // what the compound index (s, n) narrows by both fields: an equality or $in on s, anything on n
            case 4 -> Filters.and(random.nextBoolean() ? Filters.eq("s", random.nextInt(3) == 0 ? randomValue(random)
                            : WORDS[random.nextInt(WORDS.length)])
                            : Filters.in("s", WORDS[random.nextInt(WORDS.length)], randomValue(random)),
                    randomCondition(random, "n"));
            case 0 -> randomCondition(random);
            case 1 -> Filters.and(randomCondition(random), randomCondition(random));
            case 2 -> Filters.and(randomCondition(random), Filters.or(randomCondition(random),
                    randomCondition(random)));
            default -> new Document("n", randomValue(random) instanceof Number number ? new Document("$gte", number)
                    : new Document("$exists", true)).append("flag", true);
        };
    }

    private static Bson randomUpdate(Random random) {
        String field = List.of("n", "s", "arr", "sub", "items", "outbox", "when", "flag").get(random.nextInt(8));
        return switch (random.nextInt(4)) {
            case 0 -> Updates.unset(field);
            case 1 -> Updates.set(field, randomValue(random));
            case 2 -> Updates.set("sub", new Document("k", randomValue(random)));
            default -> Updates.combine(Updates.set("n", randomValue(random)), Updates.set("s",
                    WORDS[random.nextInt(WORDS.length)]));
        };
    }

    @Test
    void aCompoundIndexNarrowsByItsSecondFieldAndOfSeveralIndexesTheOneWithFewestCandidatesAnswers() throws Exception {
        try (Stores stores = open()) {
            // notification-service's deliveries: thousands sent and published, a few sent and not yet published
            MongoCollection<Document> deliveries = stores.database().getCollection("deliveries");
            deliveries.createIndex(Indexes.ascending("state", "published"));
            deliveries.createIndex(Indexes.ascending("unitCode", "createdAt"));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                Document delivery = new Document("_id", "d" + i).append("state", i % 3 == 0 ? "FAILED" : "SENT")
                        .append("unitCode", "u" + i % 300)
                        .append("createdAt", new Date(1_700_000_000_000L + i * 1_000L));
                if (i % 500 != 1) { // d1, d501, ... were never published: no field at all
                    delivery.append("published", i % 700 != 2); // d2, d702, ... published: false
                }
                documents.add(delivery);
            }
            // one whose state is an array, one whose published is: candidates for every answer, as MongoDB matches
            documents.add(new Document("_id", "odd1").append("state", List.of("SENT", "QUEUED")).append("published",
                    false));
            documents.add(new Document("_id", "odd2").append("state", "SENT").append("published", List.of(false)));
            deliveries.insertMany(documents);
            JournaledCollection stored = stores.stored("deliveries");
            long scans = stored.scans();

            long read = stored.candidatesRead();
            List<Object> unpublished = deliveries.find(Filters.and(Filters.eq("state", "SENT"),
                    Filters.eq("published", false))).into(new ArrayList<>()).stream().map(d -> d.get("_id")).toList();
            // of d2, d702, d1402, d2102, d2802 the SENT ones (d702 and d2802 are FAILED), and the two odd ones
            assertThat(unpublished).containsExactly("d2", "d1402", "d2102", "odd1", "odd2");
            // read: those three, the four SENT without the field (d1, d1001, d1501, d2501), the two odd ones
            assertThat(stored.candidatesRead() - read).isEqualTo(3 + 4 + 2);

            read = stored.candidatesRead();
            assertThat(deliveries.find(Filters.and(Filters.in("state", "SENT", "FAILED"),
                    Filters.ne("published", true))).into(new ArrayList<>())).hasSize(5 + 6 + 2);
            // $ne cannot narrow the second field: every SENT or FAILED delivery is read
            assertThat(stored.candidatesRead() - read).isEqualTo(3_002);

            // a unit's late deliveries: by unitCode then a range of createdAt, not by state (2,000 sent ones)
            read = stored.candidatesRead();
            assertThat(deliveries.find(Filters.and(Filters.eq("state", "SENT"), Filters.eq("unitCode", "u7"),
                    Filters.gte("createdAt", new Date(1_700_000_000_000L + 2_000_000L))))
                    .into(new ArrayList<>())).extracting(d -> d.get("_id")).containsExactly("d2107", "d2407", "d2707");
            assertThat(stored.candidatesRead() - read).isEqualTo(3);
            assertThat(stored.scans()).isEqualTo(scans);

            // the same after updates move documents between the index's entries (odd2's published is no longer an
            // array)
            deliveries.updateMany(Filters.eq("published", false), Updates.set("published", true));
            deliveries.updateOne(Filters.eq("_id", "d5"), Updates.set("published", false));
            read = stored.candidatesRead();
            assertThat(deliveries.find(Filters.and(Filters.eq("state", "SENT"), Filters.eq("published", false)))
                    .into(new ArrayList<>())).extracting(d -> d.get("_id")).containsExactly("d5");
            assertThat(stored.candidatesRead() - read).isEqualTo(1 + 4 + 1);
        }
    }

    @Test
    void theQueriesAnIndexNarrowsReadNoWholeCollectionAndTheIndexesOutliveARestart() throws Exception {
        List<Document> dueBefore;
        try (Stores stores = open()) {
            MongoCollection<Document> obligations = stores.database().getCollection("obligations");
            obligations.createIndex(Indexes.ascending("nextReminderAt", "fulfilled"));
            obligations.createIndex(Indexes.ascending("status", "dueAt"));
            obligations.createIndex(Indexes.ascending("outbox.0.eventId"), new IndexOptions().sparse(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                documents.add(new Document("_id", "o" + i).append("status", i % 10 == 0 ? "OPEN" : "FULFILLED")
                        .append("dueAt", new Date(1_700_000_000_000L + i * 1_000L))
                        .append("nextReminderAt", i % 10 == 0 ? new Date(1_700_000_000_000L + i * 1_000L) : null)
                        .append("fulfilled", i % 10 != 0)
                        .append("outbox", i % 100 == 0 ? List.of(new Document("eventId", "e" + i)) : List.of()));
            }
            obligations.insertMany(documents);
            JournaledCollection stored = stores.stored("obligations");
            long scans = stored.scans();
            Date now = new Date(1_700_000_000_000L + 500_000L);
            dueBefore = obligations.find(Filters.and(Filters.lte("nextReminderAt", now),
                    Filters.eq("fulfilled", false))).into(new ArrayList<>());
            assertThat(dueBefore).extracting(d -> d.get("_id")).hasSize(51).startsWith("o0", "o10", "o20")
                    .endsWith("o500");
            long read = stored.candidatesRead();
            assertThat(obligations.find(Filters.and(Filters.eq("status", "OPEN"), Filters.lt("dueAt", now)))
                    .into(new ArrayList<>())).hasSize(50);
            // the open ones due up to now (the bound taken inclusively), not the 200 open ones
            assertThat(stored.candidatesRead() - read).isEqualTo(51);
            // the outbox sweep's query (platform's OutboxLeases.pendingAndFree)
            assertThat(obligations.find(Filters.and(Filters.exists("outbox.0.eventId"), Filters.or(
                    Filters.eq("outboxLease", null), Filters.lt("outboxLease", now)))).into(new ArrayList<>()))
                    .extracting(d -> d.get("_id")).hasSize(20).startsWith("o0", "o100");
            assertThat(obligations.updateMany(Filters.eq("status", "OPEN"), Updates.set("status", "OVERDUE"))
                    .getModifiedCount()).isEqualTo(200);
            assertThat(obligations.find(Filters.eq("status", "OPEN")).into(new ArrayList<>())).isEmpty();
            assertThat(obligations.find(Filters.eq("status", "OVERDUE")).into(new ArrayList<>())).hasSize(200);
            assertThat(stored.scans()).isEqualTo(scans);
            // the base class's entry point answers the same candidates, and every document when it cannot narrow
            SecondaryIndex byStatus = stored.getIndexes().stream().filter(SecondaryIndex.class::isInstance)
                    .map(SecondaryIndex.class::cast).filter(index -> index.field().equals("status")).findFirst()
                    .orElseThrow();
            assertThat(listOf(byStatus.getPositions(new de.bwaldvogel.mongo.bson.Document("status", "OVERDUE"))))
                    .hasSize(200).isSorted();
            assertThat(listOf(byStatus.getPositions(new de.bwaldvogel.mongo.bson.Document("dueAt", now))))
                    .hasSize(2_000).isSorted();
            // a condition no index has: still a scan
            assertThat(obligations.find(Filters.eq("fulfilled", false)).into(new ArrayList<>())).hasSize(200);
            assertThat(stored.scans()).isEqualTo(scans + 1);
        }
        try (Stores stores = open()) {
            MongoCollection<Document> obligations = stores.database().getCollection("obligations");
            JournaledCollection stored = stores.stored("obligations");
            long scans = stored.scans();
            assertThat(obligations.find(Filters.and(Filters.lte("nextReminderAt",
                    new Date(1_700_000_000_000L + 500_000L)), Filters.eq("fulfilled", false)))
                    .into(new ArrayList<>())).extracting(d -> d.get("_id"))
                    .isEqualTo(dueBefore.stream().map(d -> d.get("_id")).toList());
            assertThat(obligations.find(Filters.eq("status", "OVERDUE")).into(new ArrayList<>())).hasSize(200);
            assertThat(stored.scans()).isEqualTo(scans);
        }
    }
}
