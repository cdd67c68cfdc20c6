package dev.cascade.aggregation.query;

import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.RollUpArithmetic;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.TargetProgress;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /aggregates/{programme}/{period}/{unitCode}}: the current {@code AggregateUpdated} of the roll-up (same
 * fields) plus the breakdown by direct child.
 */
public record AggregateView(String programme, String period, String unitCode, UnitLevel level, String parentCode,
                            long version, Instant asOf, Map<String, AggregatedValue> values,
                            Completeness completeness, List<TargetProgress> targets, List<Child> children) {

    /**
     * A direct child's latest contribution.
     *
     * @param source  {@code REPORT} (the child's own report) or {@code ROLLUP} (the child's roll-up)
     * @param version the report version or the child roll-up's seq
     */
    public record Child(String unitCode, Contribution.Source source, long version,
                        Map<String, AggregatedValue> values, Completeness completeness) {
    }

    AggregateView withoutChildren() {
        return new AggregateView(programme, period, unitCode, level, parentCode, version, asOf, values, completeness,
                targets, List.of());
    }

    static AggregateView of(RollUpDocument rollUp) {
        List<Child> children = rollUp.children().stream().map(c -> {
            Map<String, AggregatedValue> values = new TreeMap<>();
            c.values().forEach((indicator, parts) -> values.put(indicator, RollUpArithmetic.combine(
                    rollUp.rules().getOrDefault(indicator, RollUpArithmetic.fallbackRule(List.of(parts))),
                    List.of(parts))));
            return new Child(c.childCode(), c.source(), c.version(), values, c.completeness());
        }).toList();
        return new AggregateView(rollUp.programme(), rollUp.period(), rollUp.unitCode(), rollUp.level(),
                rollUp.parentCode(), rollUp.seq(), rollUp.asOf(), new TreeMap<>(rollUp.values()),
                rollUp.completeness(), rollUp.targets(), children);
    }
}
