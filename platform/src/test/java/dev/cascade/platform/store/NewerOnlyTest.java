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
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

/** A copy kept by version, one change at a time and a batch at once, on the embedded MongoDB-wire store. */
class NewerOnlyTest {

    static final String COLLECTION = "copies";

    static MongoClient client;
    static MongoTemplate mongo;
    NewerOnly copies;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri());
        mongo = new MongoTemplate(client, "cascade-platform-newer-only-test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyStore() {
        mongo.dropCollection(COLLECTION);
        copies = new NewerOnly(mongo, COLLECTION);
    }

    @Test
    void aBatchStoresNewCopiesAndNewerVersionsAndLeavesOlderAndEqualOnesAlone() {
        copies.applyIfNewer("A", 2, named(2, "A v2"));
        copies.applyIfNewer("B", 2, named(2, "B v2"));
        copies.applyIfNewer("C", 2, named(2, "C v2"));

        var changed = copies.applyAllIfNewer(List.of(
                change("A", 3, "A v3"),   // newer: kept
                change("B", 1, "B v1"),   // older: ignored
                change("C", 2, "C v2 again"), // the same version: ignored
                change("D", 1, "D v1"))); // new: stored

        assertThat(changed).containsExactly("A", "D");
        assertThat(stored()).isEqualTo(Map.of("A", "3 A v3", "B", "2 B v2", "C", "2 C v2", "D", "1 D v1"));
    }

    @Test
    void ofSeveralVersionsOfOneCopyInABatchTheHighestIsKeptWhateverTheirOrder() {
        var changed = copies.applyAllIfNewer(List.of(
                change("A", 2, "A v2"), change("A", 5, "A v5"), change("A", 4, "A v4"),
                change("B", 1, "B v1")));

        assertThat(changed).containsExactly("A", "B");
        assertThat(stored()).isEqualTo(Map.of("A", "5 A v5", "B", "1 B v1"));
    }

    @Test
    void aBatchDeliveredAgainChangesNothing() {
        List<NewerOnly.Change> batch = List.of(change("A", 1, "A v1"), change("B", 7, "B v7"));
        copies.applyAllIfNewer(batch);

        assertThat(copies.applyAllIfNewer(batch)).isEmpty();
        assertThat(copies.applyAllIfNewer(List.of())).isEmpty();
        assertThat(stored()).isEqualTo(Map.of("A", "1 A v1", "B", "7 B v7"));
    }

    @Test
    void aSingleChangeAfterABatchIsJudgedAgainstTheBatchsVersions() {
        copies.applyAllIfNewer(List.of(change("A", 3, "A v3")));

        assertThat(copies.applyIfNewer("A", 3, named(3, "A v3 again"))).isFalse();
        assertThat(copies.applyIfNewer("A", 4, named(4, "A v4"))).isTrue();
        assertThat(stored()).isEqualTo(Map.of("A", "4 A v4"));
    }

    @Test
    void aCopyStoredBetweenTheReadAndTheBulkWriteIsJudgedAgainAloneAndTheOthersAreWritten() {
        copies.applyIfNewer("A", 5, named(5, "A v5"));
        // the batch's read of the stored versions sees none, as if A were stored by another writer just after it
        MongoTemplate racing = spy(mongo);
        doReturn(List.of()).when(racing).find(any(Query.class), eq(Document.class), eq(COLLECTION));
        NewerOnly racingCopies = new NewerOnly(racing, COLLECTION);

        var changed = racingCopies.applyAllIfNewer(List.of(
                change("A", 4, "A v4"),   // its conditional insert meets the stored A v5: judged again, not newer
                change("B", 1, "B v1")));

        assertThat(changed).containsExactly("B");
        assertThat(stored()).isEqualTo(Map.of("A", "5 A v5", "B", "1 B v1"));
    }

    private static NewerOnly.Change change(String id, long version, String name) {
        return new NewerOnly.Change(id, version, named(version, name));
    }

    private static Update named(long version, String name) {
        return new Update().set(NewerOnly.VERSION, version).set("name", name);
    }

    /** id → "version name" of every stored copy. */
    private static Map<String, String> stored() {
        Map<String, String> copies = new TreeMap<>();
        mongo.findAll(Document.class, COLLECTION).forEach(d -> copies.put(d.getString("_id"),
                ((Number) d.get(NewerOnly.VERSION)).longValue() + " " + d.getString("name")));
        return copies;
    }
}
