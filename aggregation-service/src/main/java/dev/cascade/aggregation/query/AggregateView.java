package dev.cascade.aggregation.query;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.RollUpArithmetic;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /aggregates/{programme}/{period}/{unitCode}}: the current {@code AggregateUpdated} of the roll-up (same
 * fields) plus the breakdown by direct child; or, with {@code restate=true} for a period before the unit existed,
 * the figures restated from its predecessors ({@code restated} true, {@code children} = the predecessors' figures).
 *
 * @param revokedPlans the revoked plans of the programme that have the period: the aggregate is kept and names them
 *                     (as {@code AggregateUpdated.revokedPlans}); empty while all are in force
 * @param restated     whether this was computed on read from the unit's predecessors (then {@code version} is 0 and
 *                     {@code targets} is empty: no roll-up of this unit exists for the period)
 * @param approximate  whether a {@code PARTIAL} predecessor contributed (with its whole figures)
 * @param predecessors for a restated view, every predecessor of the unit with its kind and what it added; else empty
 */
public record AggregateView(String programme, String period, String unitCode, UnitLevel level, String parentCode,
                            long version, Instant asOf, Map<String, AggregatedValue> values,
                            Completeness completeness, List<TargetProgress> targets, List<RevokedPlan> revokedPlans,
                            List<Child> children, boolean restated, boolean approximate,
                            List<Predecessor> predecessors) {

    public AggregateView {
        revokedPlans = revokedPlans == null ? List.of() : List.copyOf(revokedPlans);
        children = List.copyOf(children);
        predecessors = List.copyOf(predecessors);
    }

    /** A view of a stored roll-up (or of none yet): not restated. */
    AggregateView(String programme, String period, String unitCode, UnitLevel level, String parentCode,
                  long version, Instant asOf, Map<String, AggregatedValue> values, Completeness completeness,
                  List<TargetProgress> targets, List<RevokedPlan> revokedPlans, List<Child> children) {
        this(programme, period, unitCode, level, parentCode, version, asOf, values, completeness, targets,
                revokedPlans, children, false, false, List.of());
    }

    /**
     * A direct child's latest contribution (in a restated view: a predecessor's figures).
     *
     * @param source  {@code REPORT} (the child's own report) or {@code ROLLUP} (the child's roll-up)
     * @param version the report version or the child roll-up's seq
     */
    public record Child(String unitCode, Contribution.Source source, long version,
                        Map<String, AggregatedValue> values, Completeness completeness) {

        static Child of(Contribution c, Map<String, AggregationRule> rules) {
            Map<String, AggregatedValue> values = new TreeMap<>();
            c.values().forEach((indicator, parts) -> values.put(indicator, RollUpArithmetic.combine(
                    rules.getOrDefault(indicator, RollUpArithmetic.fallbackRule(List.of(parts))), List.of(parts))));
            return new Child(c.childCode(), c.source(), c.version(), values, c.completeness());
        }
    }

    /**
     * One predecessor of a restated unit, as it was in the period.
     *
     * @param name         its name in the period's hierarchy ({@code null} when it had no placement there)
     * @param level        its level in the period's hierarchy
     * @param parentCode   its parent in the period's hierarchy (whose roll-up holds a reporting unit's report)
     * @param contributed  whether it added figures, a report or expected reporters
     * @param completeness what it added to the completeness ({@code 0/0/0/0} when nothing)
     */
    public record Predecessor(String unitCode, PredecessorKind kind, String name, UnitLevel level, String parentCode,
                              boolean contributed, Completeness completeness) {
    }

    AggregateView withoutChildren() {
        return new AggregateView(programme, period, unitCode, level, parentCode, version, asOf, values, completeness,
                targets, revokedPlans, List.of(), restated, approximate, predecessors);
    }

    static AggregateView of(RollUpDocument rollUp) {
        List<Child> children = rollUp.children().stream().map(c -> Child.of(c, rollUp.rules())).toList();
        return new AggregateView(rollUp.programme(), rollUp.period(), rollUp.unitCode(), rollUp.level(),
                rollUp.parentCode(), rollUp.seq(), rollUp.asOf(), new TreeMap<>(rollUp.values()),
                rollUp.completeness(), rollUp.targets(), rollUp.revokedPlans(), children);
    }
}
