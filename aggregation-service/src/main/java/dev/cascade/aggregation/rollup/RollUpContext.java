package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.UnitLevel;

import java.util.List;
import java.util.Map;

/**
 * What a roll-up needs besides its children's contributions: where its unit sits in the period's hierarchy, how
 * many reporters are expected beneath it (frozen when the plan was issued), the programme's aggregation rules and
 * the targets of the plans its unit issued.
 *
 * @param parentCode {@code null} for the root
 * @param year       the year whose targets apply (the period's year)
 */
public record RollUpContext(UnitLevel level, String parentCode, int expected, Map<String, AggregationRule> rules,
                            int year, List<PlanTargets> plans) {

    public RollUpContext {
        rules = Map.copyOf(rules);
        plans = List.copyOf(plans);
    }

    public boolean isRoot() {
        return parentCode == null;
    }
}
