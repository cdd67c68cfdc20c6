package dev.cascade.aggregation.rollup.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the events a roll-up document carries, then clears them. Called right after each save; a redelivered input
 * calls it again for anything still pending, and {@link #publishPending()} sweeps the leftovers of a process that
 * stopped between the save and the send.
 */
@Component
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final RollUpStore store;
    private final RollUpLocks locks;
    private final EventSender sender;

    Outbox(RollUpStore store, RollUpLocks locks, EventSender sender) {
        this.store = store;
        this.locks = locks;
        this.sender = sender;
    }

    /** Sends the pending events of {@code rollUp} in order and clears them. Call under the roll-up's lock. */
    int flush(RollUpDocument rollUp) {
        if (rollUp.pending().isEmpty()) {
            return 0;
        }
        rollUp.pending().forEach(sender::send);
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
    @Scheduled(initialDelayString = "${cascade.aggregation.outbox.sweep-initial-delay:PT10S}",
            fixedDelayString = "${cascade.aggregation.outbox.sweep-interval:PT30S}")
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
