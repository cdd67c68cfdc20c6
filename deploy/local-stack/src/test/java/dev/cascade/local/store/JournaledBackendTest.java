package dev.cascade.local.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journaled store through the MongoDB driver: what was written is there after a restart, indexes included. */
class JournaledBackendTest {

    @TempDir
    Path dir;

    private void withStore(Consumer<MongoClient> work) throws Exception {
        JournaledBackend backend = new JournaledBackend(dir.resolve("cascade.journal"));
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(client);
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
}
