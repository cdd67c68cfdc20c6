package dev.cascade.local.store;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journaled store through the MongoDB driver: what was written is there after a restart, indexes included. */
class JournaledBackendTest {

    @TempDir
    Path dir;

    private void withStore(Consumer<MongoClient> work) throws Exception {
        withStore(Journal.Options.DEFAULT, (client, backend) -> work.accept(client));
    }

    private void withStore(Journal.Options options, BiConsumer<MongoClient, JournaledBackend> work) throws Exception {
        JournaledBackend backend = new JournaledBackend(dir.resolve("cascade.journal"), options);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(client, backend);
        } finally {
            server.shutdown();
        }
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    @Test
    void insertsUpdatesDeletesAndIndexesSurviveARestart() throws Exception {
        withStore(client -> {
            MongoCollection<Document> reports = client.getDatabase("cascade-report").getCollection("reports");
            reports.createIndex(Indexes.ascending("unitCode", "period"), new IndexOptions().unique(true));
            reports.insertOne(new Document("_id", "r1").append("unitCode", "10813").append("period", "2024")
                    .append("values", new Document("GDNN_GRADUATES", 28)));
            reports.insertOne(new Document("_id", "r2").append("unitCode", "10816").append("period", "2024"));
            reports.insertOne(new Document("_id", "r3").append("unitCode", "10825").append("period", "2024"));
            reports.updateOne(Filters.eq("_id", "r1"), Updates.combine(Updates.set("values.GDNN_GRADUATES", 30),
                    Updates.push("outbox", new Document("eventId", "e1"))));
            reports.updateOne(Filters.eq("_id", "r1"), Updates.pull("outbox", new Document("eventId", "e1")));
            reports.deleteOne(Filters.eq("_id", "r2"));
            MongoCollection<Document> scratch = client.getDatabase("cascade-report").getCollection("scratch");
            scratch.insertOne(new Document("_id", 1));
            scratch.drop();
            client.getDatabase("cascade-aggregation").getCollection("rollups")
                    .insertOne(new Document("_id", "TH|2024|294").append("revision", 7L));
        });

        withStore(client -> {
            MongoCollection<Document> reports = client.getDatabase("cascade-report").getCollection("reports");
            List<Document> stored = all(reports);
            assertThat(stored).extracting(d -> d.getString("_id")).containsExactly("r1", "r3");
            assertThat(stored.get(0).get("values", Document.class).getInteger("GDNN_GRADUATES")).isEqualTo(30);
            assertThat(stored.get(0).getList("outbox", Document.class)).isEmpty();
            assertThat(client.getDatabase("cascade-report").listCollectionNames().into(new ArrayList<>()))
                    .containsExactly("reports");
            assertThat(client.getDatabase("cascade-aggregation").getCollection("rollups").find().first()
                    .getLong("revision")).isEqualTo(7L);
            // the unique index was rebuilt from the journal
            assertThatThrownBy(() -> reports.insertOne(new Document("_id", "r4").append("unitCode", "10813")
                    .append("period", "2024"))).isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            reports.insertOne(new Document("_id", "r2").append("unitCode", "10816").append("period", "2024"));
        });

        withStore(client -> assertThat(all(client.getDatabase("cascade-report").getCollection("reports")))
                .extracting(d -> d.getString("_id")).containsExactly("r1", "r2", "r3"));
    }

    @Test
    void aQueryLargerThanOneMessageIsAnsweredInBatchesEachDocumentOnce() throws Exception {
        // 3,000 documents of 20 KB: 60 MB, over the 48 MB one wire message may carry
        String payload = "x".repeat(20_000);
        withStore(client -> {
            MongoCollection<Document> parked = client.getDatabase("cascade-aggregation").getCollection("parked");
            for (int from = 0; from < 3_000; from += 500) {
                List<Document> batch = new ArrayList<>();
                for (int i = from; i < from + 500; i++) {
                    batch.add(new Document("_id", String.format("p%05d", i)).append("payload", payload));
                }
                parked.insertMany(batch);
            }

            List<Object> ids = new ArrayList<>();
            parked.find().forEach(d -> ids.add(d.get("_id")));
            List<Object> sortedIds = new ArrayList<>();
            parked.find().sort(new Document("_id", -1)).batchSize(7).forEach(d -> sortedIds.add(d.get("_id")));

            assertThat(ids).hasSize(3_000).doesNotHaveDuplicates();
            assertThat(sortedIds).hasSize(3_000).doesNotHaveDuplicates().first().isEqualTo("p02999");
        });
    }

    @Test
    void anAnsweredWriteIsInTheFileWhileTheStoreStillRuns() throws Exception {
        // as a process killed right after the answer would leave it: the store is not closed before the file is read
        Path journal = dir.resolve("cascade.journal");
        withStore(client -> {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("c");
            c.insertOne(new Document("_id", "a").append("n", 1));
            c.updateOne(Filters.eq("_id", "a"), Updates.set("n", 2));
            try {
                var state = Journal.replay(journal);
                assertThat(state.get("db.c")).containsOnlyKeys("a");
                assertThat(state.get("db.c").get("a").get("n")).isEqualTo(2);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aRecordTornByACrashIsCutOffAndTheRestIsKept() throws Exception {
        withStore(client -> client.getDatabase("db").getCollection("c")
                .insertMany(List.of(new Document("_id", 1).append("n", "one"), new Document("_id", 2))));
        Path journal = dir.resolve("cascade.journal");
        long intact = Files.size(journal);
        // a record whose length says 500 bytes, of which only 3 were written before the crash
        Files.write(journal, new byte[] {0, 0, 1, (byte) 0xf4, 'P', 0, 4}, StandardOpenOption.APPEND);

        withStore(client -> {
            assertThat(all(client.getDatabase("db").getCollection("c"))).extracting(d -> d.get("_id"))
                    .containsExactly(1, 2);
            client.getDatabase("db").getCollection("c").insertOne(new Document("_id", 3));
        });
        withStore(client -> assertThat(all(client.getDatabase("db").getCollection("c"))).extracting(d -> d.get("_id"))
                .containsExactly(1, 2, 3));
        assertThat(Files.size(journal)).isGreaterThan(intact);
    }

    @Test
    void startingCompactsTheJournalToTheLastStateOfEachDocument() throws Exception {
        withStore(client -> {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("c");
            c.insertOne(new Document("_id", "x").append("n", 0));
            for (int i = 1; i <= 200; i++) {
                c.updateOne(Filters.eq("_id", "x"), Updates.set("n", i));
            }
        });
        long grown = Files.size(dir.resolve("cascade.journal"));
        withStore(client -> assertThat(client.getDatabase("db").getCollection("c").find().first().getInteger("n"))
                .isEqualTo(200));
        assertThat(Files.size(dir.resolve("cascade.journal"))).isLessThan(grown / 20);
    }

    @Test
    void aDroppedAndARenamedCollectionReplayToTheirLastState() throws Exception {
        withStore(client -> {
            MongoDatabase db = client.getDatabase("db");
            MongoCollection<Document> drafts = db.getCollection("drafts");
            drafts.createIndex(Indexes.ascending("unit"), new IndexOptions().unique(true));
            drafts.insertMany(List.of(new Document("_id", 1).append("unit", "10813"),
                    new Document("_id", 2).append("unit", "10816")));
            drafts.renameCollection(new MongoNamespace("db", "reports"));
            db.getCollection("reports").updateOne(Filters.eq("_id", 2), Updates.set("unit", "10825"));
            MongoCollection<Document> scratch = db.getCollection("scratch");
            scratch.insertOne(new Document("_id", "s"));
            scratch.drop();
            // a collection of the dropped name again, and one of the old name of the renamed one
            db.getCollection("scratch").insertOne(new Document("_id", "t"));
            db.getCollection("drafts").insertOne(new Document("_id", 9).append("unit", "10813"));
            // renamed over a dropped target
            db.getCollection("archive").insertOne(new Document("_id", "old"));
            db.getCollection("scratch").renameCollection(new MongoNamespace("db", "archive"),
                    new RenameCollectionOptions().dropTarget(true));
        });

        for (int restart = 0; restart < 2; restart++) {
            withStore(client -> {
                MongoDatabase db = client.getDatabase("db");
                assertThat(db.listCollectionNames().into(new ArrayList<>()))
                        .containsExactlyInAnyOrder("reports", "drafts", "archive");
                MongoCollection<Document> reports = db.getCollection("reports");
                assertThat(all(reports)).extracting(d -> d.get("_id") + "=" + d.get("unit"))
                        .containsExactly("1=10813", "2=10825");
                assertThat(all(db.getCollection("drafts"))).extracting(d -> d.get("_id")).containsExactly(9);
                assertThat(all(db.getCollection("archive"))).extracting(d -> d.get("_id")).containsExactly("t");
                // the unique index moved with the collection, and none is left on the old name
                assertThat(reports.listIndexes().into(new ArrayList<>())).extracting(d -> d.getString("name"))
                        .containsExactlyInAnyOrder("_id_", "unit_1");
                assertThat(db.getCollection("drafts").listIndexes().into(new ArrayList<>()))
                        .extracting(d -> d.getString("name")).containsExactly("_id_");
                assertThatThrownBy(() -> reports.insertOne(new Document("_id", 3).append("unit", "10813")))
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
                db.getCollection("drafts").insertOne(new Document("_id", 10).append("unit", "10813"));
                db.getCollection("drafts").deleteOne(Filters.eq("_id", 10));
            });
        }
    }

    /**
     * Clients of several connections insert and update while the journal compacts itself (tiny thresholds);
     * after a restart the store holds exactly what they were told is written.
     */
    @Test
    void compactionWhileClientsWriteKeepsEveryAnsweredWrite() throws Exception {
        Journal.Options small = Journal.Options.DEFAULT.withCompaction(32 << 10, 2);
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger compactions = new AtomicInteger();
        withStore(small, (client, backend) -> {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("c");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread writer = new Thread(() -> {
                    try {
                        // at least 1500 each, and on until the journal compacted itself twice
                        for (int i = 0; i < 1500 || backend.journal().compactions() < 2
                                && System.nanoTime() < deadline; i++) {
                            String id = thread + "-" + (i % 30);
                            c.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("n", i)
                                    .append("pad", "p".repeat(100)), new ReplaceOptions().upsert(true));
                            answered.put(id, i);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                writer.start();
                threads.add(writer);
            }
            for (Thread writer : threads) {
                try {
                    writer.join(120_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            compactions.set(backend.journal().compactions());
        });
        assertThat(failures).isEmpty();
        assertThat(compactions.get()).isGreaterThanOrEqualTo(2);
        assertThat(answered).hasSize(120);
        withStore(client -> {
            Map<String, Integer> stored = new HashMap<>();
            client.getDatabase("db").getCollection("c").find()
                    .forEach(d -> stored.put(d.getString("_id"), d.getInteger("n")));
            assertThat(stored).isEqualTo(new HashMap<>(answered));
        });
    }

    @Test
    void theFsyncPolicyServesTheStore() throws Exception {
        Journal.Options fsync = Journal.Options.DEFAULT.withDurability(Journal.Durability.FSYNC);
        withStore(fsync, (client, backend) -> {
            assertThat(backend.journalOptions().durability()).isEqualTo(Journal.Durability.FSYNC);
            MongoCollection<Document> c = client.getDatabase("db").getCollection("c");
            for (int i = 0; i < 20; i++) {
                c.insertOne(new Document("_id", i));
            }
            try {
                assertThat(Journal.replay(dir.resolve("cascade.journal")).get("db.c")).hasSize(20);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        withStore(client -> assertThat(client.getDatabase("db").getCollection("c").countDocuments()).isEqualTo(20));
    }

    @Test
    void commandsSlowerThanTheThresholdAreLoggedWithTheirNamespaceAndFilter() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(JournaledBackend.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            withStore(Journal.Options.DEFAULT, (client, backend) -> {
                MongoCollection<Document> reports = client.getDatabase("cascade-report").getCollection("reports");
                reports.insertOne(new Document("_id", "r1").append("unitCode", "10813"));
                backend.logCommandsSlowerThan(-1);
                reports.find(Filters.eq("unitCode", "10813")).first();
                assertThat(logged.list).isEmpty();

                backend.logCommandsSlowerThan(0);
                reports.find(Filters.eq("unitCode", "10813")).first();
                reports.updateOne(Filters.eq("_id", "r1"), Updates.set("period", "2024"));
            });
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).matches(
                        "slow store command: \\d+ ms find cascade-report\\.reports \\{\"unitCode\" : \"10813\"}"))
                .anySatisfy(line -> assertThat(line).matches(
                        "slow store command: \\d+ ms update cascade-report\\.reports \\{\"_id\" : \"r1\"}"));
    }

    @Test
    void aLongFilterIsCutShort() {
        de.bwaldvogel.mongo.bson.Document find = new de.bwaldvogel.mongo.bson.Document("find", "obligations")
                .append("filter", new de.bwaldvogel.mongo.bson.Document("_id",
                        new de.bwaldvogel.mongo.bson.Document("$in", java.util.Collections.nCopies(100, "REPORT|1"))));

        String filter = JournaledBackend.filterOf("find", find);

        assertThat(filter).startsWith("{\"_id\" : {\"$in\" : [ \"REPORT|1\", \"REPORT|1\"").endsWith("…").hasSize(301);
        assertThat(JournaledBackend.filterOf("insert", new de.bwaldvogel.mongo.bson.Document("insert", "x")))
                .isEmpty();
    }
}
