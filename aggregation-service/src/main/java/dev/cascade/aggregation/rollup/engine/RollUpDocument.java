package dev.cascade.aggregation.rollup.engine;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Summary;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.contracts.events.AggregateUpdated;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.RollupContributed;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One roll-up, the whole of its state in ONE document ({@code _id} = {@code programme|period|unit}): the latest
 * contribution of each direct child with its version, the totals last computed from them, and the events of the
 * last change that are not sent yet.
 *
 * @param seq      grows by one with every change of the totals; the version of the events
 * @param rules    the aggregation rules the totals were computed with
 * @param revokedPlans the revoked plans of the programme that have the period (absent in documents stored before)
 * @param revision optimistic-concurrency counter: every write is conditional on the revision it read
 */
@Document(RollUpDocument.COLLECTION)
public record RollUpDocument(@Id String id, String programme, String period, String unitCode, long seq,
                             UnitLevel level, String parentCode, Instant asOf, List<Contribution> children,
                             Map<String, AggregationRule> rules, Map<String, AggregatedValue> values,
                             Completeness completeness, List<TargetProgress> targets,
                             List<RevokedPlan> revokedPlans, List<OutboxEvent> pending, boolean hasPending,
                             long revision) {

    public static final String COLLECTION = "rollups";

    public RollUpDocument {
        children = List.copyOf(children);
        rules = Map.copyOf(rules);
        values = Map.copyOf(values);
        targets = List.copyOf(targets);
        revokedPlans = revokedPlans == null ? List.of() : List.copyOf(revokedPlans);
        pending = List.copyOf(pending);
        hasPending = !pending.isEmpty();
    }

    public AggregateKey key() {
        return new AggregateKey(programme, period, unitCode);
    }

    public Summary summary() {
        return new Summary(level, parentCode, values, completeness, targets, revokedPlans);
    }

    public AggregateUpdated aggregateUpdated() {
        return new AggregateUpdated(programme, period, unitCode, level, parentCode, seq, asOf, values, completeness,
                targets, revokedPlans);
    }

    public RollupContributed rollupContributed() {
        return new RollupContributed(programme, period, unitCode, parentCode, seq, values, completeness, asOf);
    }

    RollUpDocument withChildren(List<Contribution> newChildren) {
        return new RollUpDocument(id, programme, period, unitCode, seq, level, parentCode, asOf, newChildren, rules,
                values, completeness, targets, revokedPlans, pending, false, revision);
    }

    RollUpDocument withPending(List<OutboxEvent> newPending) {
        return new RollUpDocument(id, programme, period, unitCode, seq, level, parentCode, asOf, children, rules,
                values, completeness, targets, revokedPlans, newPending, false, revision);
    }

    /** The next state of the totals: seq + 1, as of {@code asOf}; its events still to be attached. */
    static RollUpDocument next(RollUpDocument previous, AggregateKey key, List<Contribution> children,
                               Map<String, AggregationRule> rules, Summary summary, Instant asOf) {
        long seq = previous == null ? 1 : previous.seq + 1;
        long revision = previous == null ? 0 : previous.revision;
        return new RollUpDocument(key.toString(), key.programme(), key.period(), key.unitCode(), seq,
                summary.level(), summary.parentCode(), asOf, children, rules, summary.values(),
                summary.completeness(), summary.targets(), summary.revokedPlans(), List.of(), false, revision);
    }
}
