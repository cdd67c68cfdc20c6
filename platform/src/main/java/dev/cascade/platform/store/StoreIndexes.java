package dev.cascade.platform.store;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.cascade.platform.kafka.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

import java.time.Duration;

/**
 * Creates a collection's indexes when a store class is constructed, at the start of a service, waiting out a store
 * that is away for a moment.
 * <p>
 * The driver retries reads, but not {@code createIndexes}: a service restarted just as its store restarts (seen in the
 * chaos run: store away 3.5 s while plan-service started) failed its start with "Connection refused" and exited.
 * Index creation is idempotent, so it is tried again, with pauses from 1 s growing to 10 s, for up to
 * {@link #WAIT} (each attempt itself waits up to the driver's server selection timeout for the store to come back);
 * one warning per failed attempt names the collection and the reason. A failure that is not about reaching the store
 * (an index that conflicts with an existing one) fails the start at once, as before.
 */
public final class StoreIndexes {

    /** How long a start waits for the store to take its indexes before it fails. */
    public static final Duration WAIT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);
    private static final RetryPolicy STORE_AWAY = RetryPolicy.builder()
            .predicate(StoreIndexes::storeAway)
            .maxRetries(Long.MAX_VALUE)
            .delay(Duration.ofSeconds(1)).multiplier(2).maxDelay(Duration.ofSeconds(10))
            .timeout(WAIT)
            .build();

    private StoreIndexes() {
    }

    /** Runs {@code creation}, the index creation of {@code collection}, again while the store cannot be reached. */
    public static void create(String collection, Runnable creation) {
        create(collection, creation, STORE_AWAY);
    }

    static void create(String collection, Runnable creation, RetryPolicy policy) {
        RetryTemplate retry = new RetryTemplate(policy);
        retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState state) {
                log.warn("the store did not take the indexes of {} ({}); trying again (attempt {})", collection,
                        Failures.describe(state.getLastException()), state.getRetryCount() + 1);
            }
        });
        try {
            retry.execute(() -> {
                creation.run();
                return null;
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("indexes of " + collection + " not created", last);
        }
    }

    /** Whether {@code failure} says the store could not be reached (not that it refused the command). */
    static boolean storeAway(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
