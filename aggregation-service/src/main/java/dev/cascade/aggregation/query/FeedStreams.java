package dev.cascade.aggregation.query;

import dev.cascade.platform.concurrent.Workers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open streams of the live feed, capped per user ({@code cascade.aggregation.feed.max-streams-per-user}, the
 * token's subject) and per service instance ({@code cascade.aggregation.feed.max-streams}). A stream holds a
 * {@link Slot} from its subscription until it ends (completed, timed out, or failed, e.g. the client went away),
 * when the slot is released. Every {@code cascade.aggregation.feed.heartbeat} each open stream is sent a comment, so
 * that a client that went away without a word is noticed (its write fails) and its slot released well before the
 * stream's timeout. Gauge {@code cascade.aggregation.feed.streams}; refusals counted in
 * {@code cascade.aggregation.feed.refused{limit=user|service}}.
 */
@Component
class FeedStreams {

    private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);

    private final int maxPerUser;
    private final int maxStreams;
    private final Map<String, Integer> byUser = new HashMap<>();
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final Counter refusedForUser;
    private final Counter refusedForService;
    private final ScheduledExecutorService heartbeats;
    private int open;

    FeedStreams(@Value("${cascade.aggregation.feed.max-streams-per-user:5}") int maxPerUser,
                @Value("${cascade.aggregation.feed.max-streams:1000}") int maxStreams,
                @Value("${cascade.aggregation.feed.heartbeat:PT15S}") Duration heartbeat,
                ObjectProvider<MeterRegistry> meters) {
        if (maxPerUser < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("cascade.aggregation.feed.max-streams-per-user and max-streams must "
                    + "be at least 1");
        }
        this.maxPerUser = maxPerUser;
        this.maxStreams = maxStreams;
        MeterRegistry registry = meters.getIfUnique(SimpleMeterRegistry::new);
        Gauge.builder("cascade.aggregation.feed.streams", this, FeedStreams::open)
                .description("Open live-feed streams (server-sent events) of this instance").register(registry);
        refusedForUser = Counter.builder("cascade.aggregation.feed.refused").tag("limit", "user")
                .description("Live-feed subscriptions refused (429) for a cap").register(registry);
        refusedForService = Counter.builder("cascade.aggregation.feed.refused").tag("limit", "service")
                .description("Live-feed subscriptions refused (429) for a cap").register(registry);
        heartbeats = Executors.newSingleThreadScheduledExecutor(Workers.daemons("feed-heartbeat-"));
        long every = Math.max(1, heartbeat.toMillis());
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A slot for a new stream of {@code subject}; {@code heartbeat} is run every heartbeat interval while it is open.
     *
     * @throws TooManyStreams when the user or the instance already has its cap of open streams
     */
    Slot open(String subject, Runnable heartbeat) {
        synchronized (this) {
            int ofUser = byUser.getOrDefault(subject, 0);
            if (ofUser >= maxPerUser) {
                refusedForUser.increment();
                throw new TooManyStreams("You already have " + ofUser + " open feed streams, the most one user may "
                        + "have (cascade.aggregation.feed.max-streams-per-user); close one first", maxPerUser);
            }
            if (open >= maxStreams) {
                refusedForService.increment();
                throw new TooManyStreams("This service instance already serves " + open + " feed streams, the most "
                        + "it serves (cascade.aggregation.feed.max-streams); try again later", maxStreams);
            }
            byUser.put(subject, ofUser + 1);
            open++;
        }
        Slot slot = new Slot(subject, heartbeat);
        slots.add(slot);
        return slot;
    }

    /** Open streams of this instance. */
    synchronized int open() {
        return open;
    }

    /** Open streams of {@code subject}. */
    synchronized int openOf(String subject) {
        return byUser.getOrDefault(subject, 0);
    }

    private synchronized void release(String subject) {
        byUser.computeIfPresent(subject, (user, count) -> count > 1 ? count - 1 : null);
        open--;
    }

    private void beat() {
        for (Slot slot : slots) {
            try {
                slot.heartbeat.run();
            } catch (RuntimeException e) {
                log.debug("a feed heartbeat failed: {}", e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    /** One open stream's place under the caps; {@link #release()} (once, further calls do nothing) frees it. */
    final class Slot {

        private final String subject;
        private final Runnable heartbeat;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String subject, Runnable heartbeat) {
            this.subject = subject;
            this.heartbeat = heartbeat;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                slots.remove(this);
                FeedStreams.this.release(subject);
            }
        }
    }

    /** A subscription over a cap: 429 (answered by the controller as a problem of type too-many-streams). */
    static final class TooManyStreams extends RuntimeException {

        private final int limit;

        TooManyStreams(String message, int limit) {
            super(message);
            this.limit = limit;
        }

        int limit() {
            return limit;
        }
    }
}
