package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.RollUp;
import dev.cascade.aggregation.rollup.RollUpContext;
import dev.cascade.aggregation.rollup.Summary;
import dev.cascade.contracts.AggregateKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Applies contributions to roll-ups. Each change is: read the document, accept the contribution (or drop it when
 * its version is not newer), recompute the totals from all contributions, save the document together with the
 * events of the change, conditional on the revision read (retrying on a conflict), then send those events.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
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
    private final RollUpChanges changes;

    /** The roll-up a reporting unit's report feeds (its parent's). */
    public AggregateKey rollUpFedBy(String programme, String period, String reportingUnit) {
        return contexts.parentRollUp(programme, period, reportingUnit);
    }

    /** The same, for many reports of one batch: each programme period is read once per {@link BatchMemo}. */
    AggregateKey rollUpFedBy(String programme, String period, String reportingUnit, BatchMemo memo) {
        return contexts.parentRollUp(programme, period, reportingUnit, memo.periods, memo.units);
    }

    /** Reads the copies of the units whose reports are among {@code inputs} into {@code memo}, in one query. */
    void prefetchReportingUnits(java.util.Collection<InboundContribution> inputs, BatchMemo memo) {
        java.util.Set<String> reporting = new java.util.HashSet<>();
        inputs.forEach(input -> {
            if (input.reportingUnit() != null) {
                reporting.add(input.reportingUnit());
            }
        });
        prefetchUnits(reporting, memo);
    }

    /**
     * Reads the copies of the units of {@code rollUps} into {@code memo}, in one query: each roll-up's change then
     * finds its placement there instead of reading it on its own.
     */
    void prefetchRollUpUnits(java.util.Collection<AggregateKey> rollUps, BatchMemo memo) {
        prefetchUnits(rollUps.stream().map(AggregateKey::unitCode).collect(java.util.stream.Collectors.toSet()), memo);
    }

    private void prefetchUnits(java.util.Set<String> codes, BatchMemo memo) {
        codes.removeAll(memo.units.keySet());
        if (!codes.isEmpty()) {
            memo.units.putAll(contexts.units(codes));
        }
    }

    /**
     * Clears the events the roll-ups of {@code memo}'s batch sent, in one write (see
     * {@link Outbox#flush(RollUpDocument, Outbox.Sent)}). Call once the batch's changes are done, whether they all
     * succeeded or not.
     */
    void clearSent(BatchMemo memo) {
        outbox.clear(memo.sent);
    }

    /**
     * What one batch reads once, and what it does once at its end: the programme periods and the units' copies
     * used to route reports to their parent's roll-up and to place the roll-ups it changes (a unit's new version
     * that arrives during the batch applies from the roll-up's next change, as if the batch had run a moment
     * earlier; unit changes refresh no roll-up either way), and the roll-ups whose sent events are cleared together
     * at the end.
     */
    static final class BatchMemo {
        /** Programme period id → the period, or null when no plan of it is known yet. */
        final java.util.Map<String, dev.cascade.aggregation.plan.ProgrammePeriod> periods = new java.util.HashMap<>();
        /** Read before the batch's roll-ups change side by side, then only read by them. */
        final java.util.Map<String, dev.cascade.aggregation.hierarchy.UnitCopy> units =
                new java.util.concurrent.ConcurrentHashMap<>();
        final Outbox.Sent sent = new Outbox.Sent();

        /** Whether this batch already found that no plan of the programme has the period. */
        boolean knownUnknown(String programme, String period) {
            String id = dev.cascade.aggregation.plan.ProgrammePeriod.id(programme, period);
            return periods.containsKey(id) && periods.get(id) == null;
        }
    }

    /** Applies a direct child's contribution to the roll-up of {@code key}. */
    public void contribute(AggregateKey key, Contribution contribution) {
        contributeAll(key, List.of(contribution));
    }

    /**
     * Applies several contributions to the roll-up of {@code key} as ONE change (one write, one pair of events):
     * the coalescing of a batch. Contributions not newer than the stored ones are dropped.
     *
     * @return the roll-up as saved when its totals changed, else empty
     */
    public Optional<RollUpDocument> contributeAll(AggregateKey key, List<Contribution> contributions) {
        return contributeAll(key, contributions, null);
    }

    /**
     * As {@link #contributeAll(AggregateKey, List)}, for one roll-up of a batch: the unit's copy is taken from
     * {@code memo} when it is there, and the events sent are cleared with the batch's others by
     * {@link #clearSent(BatchMemo)}.
     */
    Optional<RollUpDocument> contributeAll(AggregateKey key, List<Contribution> contributions, BatchMemo memo) {
        Outcome outcome = locks.with(key.toString(), () -> update(key, contributions, memo));
        for (Contribution c : contributions) {
            Counter.builder("cascade.aggregation.contributions")
                    .description("Contributions (reports, child roll-ups) offered to a roll-up, by source and outcome")
                    .tag("source", c.source().name())
                    .tag("outcome", outcome.name().equals("applied") || outcome.name().equals("unchanged") ? "applied"
                            : outcome.name())
                    .register(meters).increment();
        }
        return outcome.name().equals("applied") ? Optional.of(outcome.saved()) : Optional.empty();
    }

    /** How a change ended ({@code applied}, {@code unchanged}, {@code duplicate}, {@code absent}), and what it saved. */
    private record Outcome(String name, RollUpDocument saved) {
    }

    /** Recomputes an existing roll-up whose context changed (expected reporters, rules, targets). */
    public void refresh(AggregateKey key) {
        locks.with(key.toString(), () -> update(key, List.of(), null));
    }

    /** {@code cascade.aggregation.rollup.writes{level}}: roll-up documents written, the cost coalescing saves. */
    private void countWrite(RollUpDocument saved) {
        Counter.builder("cascade.aggregation.rollup.writes")
                .description("Roll-up documents written, by level: the cost that coalescing a batch saves")
                .tag("level", saved.level() == null ? "UNKNOWN" : saved.level().name()).register(meters).increment();
    }

    public Optional<RollUpDocument> find(AggregateKey key) {
        return store.find(key.toString());
    }

    private Outcome update(AggregateKey key, List<Contribution> contributions, BatchMemo memo) {
        Outbox.Sent sent = memo == null ? null : memo.sent;
        // a change is written conditionally on the revision it started from, so it may start from this instance's own
        // copy of the roll-up (RollUpStore.findForUpdate); a decision to write nothing is taken on the stored one only
        boolean stored = false;
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            RollUpDocument previous = (stored ? store.find(key.toString()) : store.findForUpdate(key.toString()))
                    .orElse(null);
            if (previous == null && contributions.isEmpty()) {
                return new Outcome("absent", null);
            }
            RollUp current = previous == null ? RollUp.empty() : RollUp.of(previous.children());
            RollUp next = current;
            if (!contributions.isEmpty()) {
                Optional<RollUp> accepted = current.acceptAll(contributions);
                if (accepted.isEmpty()) {
                    if (!stored) {
                        stored = true;
                        continue;
                    }
                    log.debug("{}: {} contribution(s), none newer than the stored ones, ignored", key,
                            contributions.size());
                    outbox.flush(previous, sent);
                    return new Outcome("duplicate", null);
                }
                next = accepted.get();
            }
            // the period and the plans read fresh (not from the batch memo): a plan applied meanwhile may have changed
            // expected reporters or rules, and its refresh of this roll-up must not be overwritten with the older
            // figures; the unit's placement on the period's day can come from the memo
            RollUpContext context = contexts.resolve(key, memo == null ? java.util.Map.of() : memo.units);
            if (previous != null) {
                context = context.stillRevoking(previous.revokedPlans());
            }
            Summary summary = next.summarize(context);
            RollUpDocument candidate;
            if (previous != null && summary.equals(previous.summary()) && previous.rules().equals(context.rules())) {
                if (contributions.isEmpty()) {
                    if (!stored) {
                        stored = true;
                        continue;
                    }
                    outbox.flush(previous, sent);
                    return new Outcome("unchanged", null);
                }
                candidate = previous.withChildren(next.children());
                Optional<RollUpDocument> saved = store.replace(previous, candidate);
                if (saved.isPresent()) {
                    countWrite(saved.get());
                    outbox.flush(saved.get(), sent);
                    return new Outcome("unchanged", saved.get());
                }
                continue;
            } else {
                candidate = RollUpDocument.next(previous, key, next.children(), context.rules(), summary,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
                candidate = candidate.withPending(events.of(candidate));
            }
            Optional<RollUpDocument> saved = store.replace(previous, candidate);
            if (saved.isPresent()) {
                countWrite(saved.get());
                outbox.flush(saved.get(), sent);
                changes.changed(saved.get());
                log.debug("{}: seq {}", key, saved.get().seq());
                return new Outcome("applied", saved.get());
            }
        }
        throw new ConcurrencyFailureException("roll-up " + key + " kept changing under this update");
    }
}
