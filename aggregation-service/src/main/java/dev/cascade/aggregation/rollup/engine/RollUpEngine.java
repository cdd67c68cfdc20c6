package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.RollUp;
import dev.cascade.aggregation.rollup.RollUpContext;
import dev.cascade.aggregation.rollup.Summary;
import dev.cascade.contracts.AggregateKey;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Applies contributions to roll-ups. Each change is: read the document, accept the contribution (or drop it when
 * its version is not newer), recompute the totals from all contributions, save the document together with the
 * events of the change, conditional on the revision read (retrying on a conflict), then send those events.
 */
@Component
public class RollUpEngine {

    private static final Logger log = LoggerFactory.getLogger(RollUpEngine.class);
    private static final int MAX_CONFLICTS = 20;

    private final RollUpStore store;
    private final RollUpContexts contexts;
    private final RollUpEvents events;
    private final Outbox outbox;
    private final RollUpLocks locks;
    private final Clock clock;
    private final MeterRegistry meters;

    RollUpEngine(RollUpStore store, RollUpContexts contexts, RollUpEvents events, Outbox outbox, RollUpLocks locks,
                 Clock clock, MeterRegistry meters) {
        this.store = store;
        this.contexts = contexts;
        this.events = events;
        this.outbox = outbox;
        this.locks = locks;
        this.clock = clock;
        this.meters = meters;
    }

    /** The roll-up a reporting unit's report feeds (its parent's). */
    public AggregateKey rollUpFedBy(String programme, String period, String reportingUnit) {
        return contexts.parentRollUp(programme, period, reportingUnit);
    }

    /** Applies a direct child's contribution to the roll-up of {@code key}. */
    public void contribute(AggregateKey key, Contribution contribution) {
        String outcome = locks.with(key.toString(), () -> update(key, contribution));
        meters.counter("cascade.aggregation.contributions", "source", contribution.source().name(),
                "outcome", outcome).increment();
    }

    /** Recomputes an existing roll-up whose context changed (expected reporters, rules, targets). */
    public void refresh(AggregateKey key) {
        locks.with(key.toString(), () -> update(key, null));
    }

    public Optional<RollUpDocument> find(AggregateKey key) {
        return store.find(key.toString());
    }

    private String update(AggregateKey key, Contribution contribution) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            RollUpDocument previous = store.find(key.toString()).orElse(null);
            if (previous == null && contribution == null) {
                return "absent";
            }
            RollUp current = previous == null ? RollUp.empty() : RollUp.of(previous.children());
            RollUp next = current;
            if (contribution != null) {
                Optional<RollUp> accepted = current.accept(contribution);
                if (accepted.isEmpty()) {
                    log.debug("{}: {} version {} is not newer, ignored", key, contribution.childCode(),
                            contribution.version());
                    outbox.flush(previous);
                    return "duplicate";
                }
                next = accepted.get();
            }
            RollUpContext context = contexts.resolve(key);
            Summary summary = next.summarize(context);
            RollUpDocument candidate;
            if (previous != null && summary.equals(previous.summary()) && previous.rules().equals(context.rules())) {
                if (contribution == null) {
                    outbox.flush(previous);
                    return "unchanged";
                }
                candidate = previous.withChildren(next.children());
            } else {
                candidate = RollUpDocument.next(previous, key, next.children(), context.rules(), summary,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
                candidate = candidate.withPending(events.of(candidate));
            }
            Optional<RollUpDocument> saved = store.replace(previous, candidate);
            if (saved.isPresent()) {
                outbox.flush(saved.get());
                log.debug("{}: seq {}", key, saved.get().seq());
                return "applied";
            }
        }
        throw new ConcurrencyFailureException("roll-up " + key + " kept changing under this update");
    }
}
