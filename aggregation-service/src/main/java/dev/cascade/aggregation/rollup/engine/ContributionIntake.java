package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.aggregation.UnusableEventException;
import dev.cascade.aggregation.plan.PlanEffects;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.RollupContributed;
import dev.cascade.platform.concurrent.Workers;
import dev.cascade.platform.tracing.TraceParents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Turns the inputs of the roll-ups (reports, withdrawals, child roll-ups, plan changes) into changes of roll-ups.
 * A batch of inputs is coalesced: the inputs are grouped by the roll-up they feed and each roll-up changes once per
 * batch (one write, one {@code AggregateUpdated}, one {@code RollupContributed} to its parent).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ContributionIntake {

    private static final Logger log = LoggerFactory.getLogger(ContributionIntake.class);
    private final RollUpEngine engine;
    private final RollUpStore store;
    private final ParkedInputs parked;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final RollUpLatency latency;
    private final Workers workers;
    private final TraceParents traces;
    private final InputRouter router;
    private final ParkedRetry parkedRetry;

    /**
     * Applies a batch of inputs, coalesced per roll-up. An input that refers to something not known yet is parked
     * (and applied by {@link ParkedRetry#run()} once it is known); an input that can never apply goes to its topic's
     * dead-letter topic. Any other failure is thrown: the batch is then delivered again, which changes nothing
     * that was already applied.
     *
     * @return how many roll-ups changed
     */
    public int acceptBatch(List<InboundContribution> inputs) {
        Map<AggregateKey, List<Map.Entry<InboundContribution, Contribution>>> byRollUp = new LinkedHashMap<>();
        FirstFailure failures = new FirstFailure();
        RollUpEngine.BatchMemo memo = new RollUpEngine.BatchMemo();
        engine.prefetchReportingUnits(inputs, memo);
        Map<InboundContribution, String> notYetKnown = new LinkedHashMap<>();
        for (InboundContribution input : inputs) {
            try {
                InputRouter.Routed routed = router.route(input, memo);
                if (routed != null) {
                    byRollUp.computeIfAbsent(routed.key(), k -> new ArrayList<>())
                            .add(Map.entry(input, routed.contribution()));
                }
            } catch (NotYetKnownException unknown) {
                notYetKnown.put(input, unknown.getMessage());
            } catch (UnusableEventException unusable) {
                deadLetters.send(input, unusable);
            } catch (RuntimeException unexpected) {
                failures.failed(input, unexpected);
            }
        }
        park(notYetKnown);
        engine.prefetchRollUpUnits(byRollUp.keySet(), memo);
        // the roll-ups of a batch are independent documents: they change side by side (each under its own lock),
        // so that one roll-up's store round trips and broker acks do not wait for the others'
        List<Future<Boolean>> changes = new ArrayList<>(byRollUp.size());
        for (var entry : byRollUp.entrySet()) {
            // the roll-up's events continue the trace of its latest input
            String traceparent = entry.getValue().get(entry.getValue().size() - 1).getKey().traceparent();
            changes.add(workers.submit(() -> traces.continueTrace(traceparent, "roll-up " + entry.getKey(),
                    () -> applyTo(entry.getKey(), entry.getValue(), failures, memo))));
        }
        // a failure is thrown: the batch is delivered again; what was applied stays applied
        int changed;
        try {
            changed = (int) Workers.awaitAll(changes, "applying a batch").stream().filter(Boolean::booleanValue)
                    .count();
        } finally {
            engine.clearSent(memo);
        }
        failures.throwIfAny();
        DistributionSummary.builder("cascade.aggregation.batch.inputs")
                .description("Inputs (reports, child roll-ups) per consumed batch").register(meters)
                .record(inputs.size());
        DistributionSummary.builder("cascade.aggregation.batch.rollups")
                .description("Distinct roll-ups changed per consumed batch").register(meters).record(byRollUp.size());
        return changed;
    }

    /**
     * Applies the coalesced contributions of one roll-up; parks or dead-letters them when they cannot apply. When the
     * roll-up fails for another reason, its inputs are applied one at a time so that the one that fails is known:
     * the others are applied, and the failing one is handed to {@code failures}.
     */
    private boolean applyTo(AggregateKey key, List<Map.Entry<InboundContribution, Contribution>> inputs,
                            FirstFailure failures, RollUpEngine.BatchMemo memo) {
        List<Contribution> batch = inputs.stream().map(Map.Entry::getValue).toList();
        try {
            Optional<RollUpDocument> saved;
            try {
                saved = engine.contributeAll(key, batch, memo);
            } catch (NotYetKnownException | UnusableEventException expected) {
                throw expected;
            } catch (RuntimeException unexpected) {
                if (inputs.size() == 1) {
                    failures.failed(inputs.get(0).getKey(), unexpected);
                    return false;
                }
                log.warn("roll-up {} failed on {} inputs at once ({}); applying them one at a time", key,
                        inputs.size(), unexpected.toString());
                boolean changed = false;
                for (var input : inputs) {
                    if (applyTo(key, List.of(input), failures, memo)) {
                        changed = true;
                    }
                }
                return changed;
            }
            if (saved.isEmpty()) {
                return false;
            }
            latency.changed(saved.get(), latency.originOf(inputs.stream().map(Map.Entry::getKey).toList()));
            return true;
        } catch (NotYetKnownException unknown) {
            Map<InboundContribution, String> notYetKnown = new LinkedHashMap<>();
            inputs.forEach(input -> notYetKnown.put(input.getKey(), unknown.getMessage()));
            park(notYetKnown);
        } catch (UnusableEventException unusable) {
            inputs.forEach(input -> deadLetters.send(input.getKey(), unusable));
        }
        return false;
    }

    /** The input of a batch that failed with an unexpected exception, the earliest in the batch if several did. */
    private static final class FirstFailure {

        private InboundContribution input;
        private RuntimeException error;

        synchronized void failed(InboundContribution candidate, RuntimeException cause) {
            log.warn("{} ({} #{}) failed: {}", candidate.id(), candidate.topic(), candidate.index(), cause.toString());
            if (input == null || candidate.index() < input.index()) {
                input = candidate;
                error = cause;
            }
        }

        synchronized void throwIfAny() {
            if (input != null) {
                throw new InputFailedException(input.index(), input.id(), error);
            }
        }
    }

    /**
     * Recomputes the existing roll-ups whose expected reporters, rules, targets or revoked plans a plan changed (a
     * roll-up whose state comes out the same is neither written nor published).
     */
    public void accept(PlanEffects effects) {
        for (PlanEffects.PeriodEffect period : effects.periods()) {
            var ids = period.allUnits() ? store.ids(period.programme(), period.period())
                    : period.units().isEmpty() ? List.<String>of()
                    : store.ids(period.programme(), period.period(), period.units());
            ids.forEach(id -> engine.refresh(AggregateKey.parse(id)));
        }
        if (!effects.targetHolders().isEmpty()) {
            store.idsOfUnits(effects.programme(), effects.targetHolders())
                    .forEach(id -> engine.refresh(AggregateKey.parse(id)));
        }
        parkedRetry.run();
    }

    /** Parks inputs that refer to something not known yet, in one write; one log line however many there are. */
    private void park(Map<InboundContribution, String> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        var first = reasons.entrySet().iterator().next();
        log.info("parking {} until it is known: {}{}", first.getKey().id(), first.getValue(),
                reasons.size() == 1 ? "" : " (and " + (reasons.size() - 1) + " more inputs of this batch)");
        if (log.isDebugEnabled()) {
            reasons.forEach((input, reason) -> log.debug("parking {}: {}", input.id(), reason));
        }
        parked.parkAll(reasons);
        Counter.builder("cascade.aggregation.parked")
                .description("Inputs parked until the unit, plan or period they refer to is known")
                .register(meters).increment(reasons.size());
    }
}
