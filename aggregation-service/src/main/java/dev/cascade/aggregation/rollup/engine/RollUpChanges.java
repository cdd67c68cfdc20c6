package dev.cascade.aggregation.rollup.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** In-process subscribers to roll-up changes (the live feed of the query API); told after each saved change. */
@Component
public class RollUpChanges {

    private static final Logger log = LoggerFactory.getLogger(RollUpChanges.class);

    private final List<Consumer<RollUpDocument>> subscribers = new CopyOnWriteArrayList<>();

    public Runnable subscribe(Consumer<RollUpDocument> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void changed(RollUpDocument rollUp) {
        for (Consumer<RollUpDocument> s : subscribers) {
            try {
                s.accept(rollUp);
            } catch (RuntimeException e) {
                log.debug("a roll-up subscriber failed: {}", e.toString());
            }
        }
    }
}
