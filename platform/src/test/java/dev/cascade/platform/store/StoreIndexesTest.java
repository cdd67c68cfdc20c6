package dev.cascade.platform.store;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.dao.DataAccessResourceFailureException;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreIndexesTest {

    private static final RetryPolicy QUICK = RetryPolicy.builder().predicate(StoreIndexes::storeAway)
            .maxRetries(Long.MAX_VALUE).delay(Duration.ofMillis(10)).timeout(Duration.ofMillis(300)).build();

    /** What the driver threw in the chaos run when plan-service created its indexes as the store restarted. */
    private static MongoSocketOpenException refused() {
        return new MongoSocketOpenException("Exception opening socket", new ServerAddress("127.0.0.1", 27017),
                new ConnectException("Connection refused"));
    }

    @Test
    void indexCreationIsTriedAgainWhileTheStoreCannotBeReachedAndThenDone() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();

        StoreIndexes.create("units", () -> {
            int attempt = attempts.incrementAndGet();
            if (attempt == 1) {
                throw refused();
            }
            if (attempt == 2) { // as Spring Data's MongoTemplate translates it
                throw new DataAccessResourceFailureException("Exception opening socket", refused());
            }
            created.incrementAndGet();
        }, QUICK);

        assertThat(attempts).hasValue(3);
        assertThat(created).hasValue(1);
    }

    @Test
    void aCommandTheStoreRefusesFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        MongoCommandException conflict = new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(85)).append("errmsg", new BsonString("Index already exists with a "
                        + "different name")), new ServerAddress());

        assertThatThrownBy(() -> StoreIndexes.create("plans", () -> {
            attempts.incrementAndGet();
            throw conflict;
        }, QUICK)).isSameAs(conflict);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aStoreThatStaysAwayFailsTheStartWithTheDriversExceptionOnceTheWaitIsOver() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> StoreIndexes.create("reports", () -> {
            attempts.incrementAndGet();
            throw refused();
        }, QUICK)).isInstanceOf(MongoSocketOpenException.class).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(attempts.get()).isGreaterThan(2);
    }

    @Test
    void onlyFailuresToReachTheStoreCountAsTheStoreBeingAway() {
        assertThat(StoreIndexes.storeAway(refused())).isTrue();
        assertThat(StoreIndexes.storeAway(new DataAccessResourceFailureException("x", refused()))).isTrue();
        assertThat(StoreIndexes.storeAway(new com.mongodb.MongoTimeoutException("no server"))).isTrue();
        assertThat(StoreIndexes.storeAway(new IllegalStateException("x"))).isFalse();
    }
}
