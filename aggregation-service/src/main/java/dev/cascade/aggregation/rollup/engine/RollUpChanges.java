package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.concurrent.Workers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * In-process subscribers to roll-up changes (the live feed of the query API). A saved change is handed over and
 * the subscribers are told on a thread of their own, in the order of the changes, so that what they do (read the
 * store, write to a slow client) never runs inside the roll-up's write path. When they fall {@value #BACKLOG}
 * changes behind, further changes skip them ({@code cascade_aggregation_feed_dropped_total}).
 */
@Component
public class RollUpChanges {

    static final int BACKLOG = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RollUpChanges.class);

    private final List<Consumer<RollUpDocument>> subscribers = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor feed;

    RollUpChanges(MeterRegistry meters) {
        Counter dropped = Counter.builder("cascade.aggregation.feed.dropped")
                .description("Roll-up changes not told to live-feed subscribers because they were too far behind")
                .register(meters);
        this.feed = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(BACKLOG),
                Workers.daemons("rollup-feed-"), (change, executor) -> dropped.increment());
    }

    public Runnable subscribe(Consumer<RollUpDocument> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void changed(RollUpDocument rollUp) {
        if (!subscribers.isEmpty()) {
            feed.execute(() -> tell(rollUp));
        }
    }

    private void tell(RollUpDocument rollUp) {
        for (Consumer<RollUpDocument> s : subscribers) {
            try {
                s.accept(rollUp);
            } catch (RuntimeException e) {
                log.debug("a roll-up subscriber failed: {}", e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        feed.shutdownNow();
    }
}
