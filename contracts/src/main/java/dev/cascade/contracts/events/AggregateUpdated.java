package dev.cascade.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Public: the latest aggregate of one (programme, period, unit). Keyed {@code programme|period|unit} on a
 * compacted topic, so reading from offset 0 yields the whole current picture. {@link #version()} grows with
 * every change of this aggregate.
 *
 * @param revokedPlans the plans of this programme that were revoked: an aggregate is kept when its plan is revoked,
 *                     and says so here. Optional, added within v1: absent reads as empty
 */
public record AggregateUpdated(String programme, String period, String unitCode, UnitLevel level, String parentCode,
                               long version, Instant asOf, Map<String, AggregatedValue> values,
                               Completeness completeness, List<TargetProgress> targets, List<RevokedPlan> revokedPlans) {

    public AggregateUpdated {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
        targets = targets == null ? List.of() : List.copyOf(targets);
        revokedPlans = revokedPlans == null ? List.of() : List.copyOf(revokedPlans);
    }

    /** An aggregate of a plan in force. */
    public AggregateUpdated(String programme, String period, String unitCode, UnitLevel level, String parentCode,
                            long version, Instant asOf, Map<String, AggregatedValue> values,
                            Completeness completeness, List<TargetProgress> targets) {
        this(programme, period, unitCode, level, parentCode, version, asOf, values, completeness, targets, List.of());
    }
}
