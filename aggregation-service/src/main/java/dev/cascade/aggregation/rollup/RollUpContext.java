package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.UnitLevel;

import java.util.List;
import java.util.Map;

/**
 * What a roll-up needs besides its children's contributions: where its unit sits in the period's hierarchy, how
 * many reporters are expected beneath it (frozen when the plan was issued), the programme's aggregation rules, the
 * targets of the programme's plans whose issuer's role the unit holds in the period, and the programme's revoked
 * plans of the period.
 *
 * @param parentCode   {@code null} for the root
 * @param year         the year whose targets apply (the period's year)
 * @param revokedPlans the revoked plans of the programme that have this period
 */
public record RollUpContext(UnitLevel level, String parentCode, int expected, Map<String, AggregationRule> rules,
                            int year, List<PlanTargets> plans, List<RevokedPlan> revokedPlans) {

    public RollUpContext {
        rules = Map.copyOf(rules);
        plans = List.copyOf(plans);
        revokedPlans = revokedPlans == null ? List.of() : List.copyOf(revokedPlans);
    }

    /** A context in which no plan of the programme is revoked. */
    public RollUpContext(UnitLevel level, String parentCode, int expected, Map<String, AggregationRule> rules,
                         int year, List<PlanTargets> plans) {
        this(level, parentCode, expected, rules, year, plans, List.of());
    }

    /**
     * This context naming also the plans {@code before} named: a revocation is never undone, so a roll-up keeps every
     * revoked plan it once named (a plan snapshot a moment older, on another instance, does not take one away).
     */
    public RollUpContext stillRevoking(List<RevokedPlan> before) {
        if (before.isEmpty() || revokedPlans.containsAll(before)) {
            return this;
        }
        java.util.Map<String, RevokedPlan> byPlan = new java.util.TreeMap<>();
        before.forEach(p -> byPlan.put(p.planId(), p));
        revokedPlans.forEach(p -> byPlan.put(p.planId(), p));
        return new RollUpContext(level, parentCode, expected, rules, year, plans, List.copyOf(byPlan.values()));
    }

    public boolean isRoot() {
        return parentCode == null;
    }
}
