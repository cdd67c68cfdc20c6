package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.platform.outbox.EventProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the events a roll-up document carries, then clears them. Called right after each save; a redelivered input
 * calls it again for anything still pending, and {@link #publishPending()} sweeps the leftovers of a process that
 * stopped between the save and the send.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final RollUpStore store;
    private final RollUpLocks locks;
    private final EventProducer producer;

    /**
     * Sends the pending events of {@code rollUp} (one round trip for both) and clears them; a failed send is thrown,
     * and the events stay pending. Call under the roll-up's lock: the lock, not a lease, keeps two senders apart here,
     * since the consumer thread that saved the roll-up is the one that sends its events (the platform's
     * {@code OutboxRelay} serves request threads, which must not wait for the broker).
     */
    int flush(RollUpDocument rollUp) {
        if (rollUp.pending().isEmpty()) {
            return 0;
        }
        producer.sendAll(rollUp.pending()).throwIfAny();
        if (!store.clearPending(rollUp)) {
            log.debug("roll-up {} changed while its events were sent; they stay pending", rollUp.id());
        }
        return rollUp.pending().size();
    }

    /**
     * Sends every event still pending in any roll-up (after a restart, or a failed send). Runs every
     * {@code cascade.aggregation.outbox.sweep-interval}; public so that tests and operators can trigger it.
     *
     * @return the number of events sent
     */
    public int publishPending() {
        int sent = 0;
        for (String id : store.idsWithPending()) {
            sent += locks.with(id, () -> store.find(id).map(this::flush).orElse(0));
        }
        if (sent > 0) {
            log.info("sent {} pending roll-up events", sent);
        }
        return sent;
    }
}
