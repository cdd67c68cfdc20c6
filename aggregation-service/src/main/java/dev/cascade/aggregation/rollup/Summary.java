package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;

import java.util.List;
import java.util.Map;

/** The totals of a roll-up, recomputed from its contributions: what its AggregateUpdated shows. */
public record Summary(UnitLevel level, String parentCode, Map<String, AggregatedValue> values,
                      Completeness completeness, List<TargetProgress> targets) {

    public Summary {
        values = Map.copyOf(values);
        targets = List.copyOf(targets);
    }
}
