package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.platform.outbox.EventProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sends the events a roll-up document carries, then clears them (at once, or for a whole batch at its end). Called
 * right after each save; a redelivered input calls it again for anything still pending, and {@link #publishPending()}
 * sweeps the leftovers of a process that stopped between the save and the send.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final RollUpStore store;
    private final RollUpLocks locks;
    private final EventProducer producer;
    /** Roll-up id → the revision whose events this instance sent and a batch is still to clear. */
    private final Map<String, Long> unclearedRevisions = new ConcurrentHashMap<>();

    /**
     * Sends the pending events of {@code rollUp} (one round trip for both) and clears them; a failed send is thrown,
     * and the events stay pending. Call under the roll-up's lock: the lock, not a lease, keeps two senders apart here,
     * since the consumer thread that saved the roll-up is the one that sends its events (the platform's
     * {@code OutboxRelay} serves request threads, which must not wait for the broker).
     */
    int flush(RollUpDocument rollUp) {
        return flush(rollUp, null);
    }

    /**
     * As {@link #flush(RollUpDocument)}; with {@code batch} given, the clearing is left to {@link #clear(Sent)} at the
     * end of the batch, one write for all its roll-ups (a roll-up's change cost a store round trip of its own only
     * to clear the events it had just sent). Until then, this instance sends those events neither again for a
     * redelivered input nor from {@link #publishPending()}; a process that stops before the clearing sends them again
     * after its restart, as one that stopped between the send and the clearing always did (duplicates by CloudEvents
     * id, which consumers recognise).
     */
    int flush(RollUpDocument rollUp, Sent batch) {
        if (rollUp.pending().isEmpty() || sentNotCleared(rollUp)) {
            return 0;
        }
        producer.sendAll(rollUp.pending()).throwIfAny();
        if (batch != null) {
            unclearedRevisions.put(rollUp.id(), rollUp.revision());
            batch.rollUps.add(rollUp);
        } else if (!store.clearPending(rollUp)) {
            log.debug("roll-up {} changed while its events were sent; they stay pending", rollUp.id());
        }
        return rollUp.pending().size();
    }

    /**
     * Clears the events sent for {@code batch} (one round trip), each unless its roll-up changed since. A failed
     * clearing is logged, not thrown: the events stay pending and are sent again by {@link #publishPending()}.
     *
     * @return how many roll-ups were cleared
     */
    int clear(Sent batch) {
        List<RollUpDocument> sent = new ArrayList<>(batch.rollUps);
        batch.rollUps.clear();
        try {
            return store.clearPendingAll(sent);
        } catch (RuntimeException e) {
            log.warn("the events sent for {} roll-up(s) could not be cleared ({}); they stay pending and will be sent "
                    + "again", sent.size(), e.toString());
            return 0;
        } finally {
            sent.forEach(rollUp -> unclearedRevisions.remove(rollUp.id(), rollUp.revision()));
        }
    }

    private boolean sentNotCleared(RollUpDocument rollUp) {
        Long revision = unclearedRevisions.get(rollUp.id());
        return revision != null && revision == rollUp.revision();
    }

    /** The roll-ups of one batch whose events were sent and are still to be cleared. */
    static final class Sent {
        private final Queue<RollUpDocument> rollUps = new ConcurrentLinkedQueue<>();

        int size() {
            return rollUps.size();
        }
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
