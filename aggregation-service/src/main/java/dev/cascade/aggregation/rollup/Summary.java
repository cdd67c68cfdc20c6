package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.RevokedPlan;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;

import java.util.List;
import java.util.Map;

/**
 * The totals of a roll-up, recomputed from its contributions: what its AggregateUpdated shows.
 *
 * @param revokedPlans the revoked plans of the programme that have the period (empty while all are in force)
 */
public record Summary(UnitLevel level, String parentCode, Map<String, AggregatedValue> values,
                      Completeness completeness, List<TargetProgress> targets, List<RevokedPlan> revokedPlans) {

    public Summary {
        values = Map.copyOf(values);
        targets = List.copyOf(targets);
        revokedPlans = revokedPlans == null ? List.of() : List.copyOf(revokedPlans);
    }
}
