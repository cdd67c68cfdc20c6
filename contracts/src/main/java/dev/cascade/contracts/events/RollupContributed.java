package dev.cascade.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Internal: the current roll-up of {@link #unitCode()} offered to its parent. Keyed by {@link #parentCode()}.
 * The parent keeps the contribution with the highest {@link #seq()} from each child.
 */
public record RollupContributed(String programme, String period, String unitCode, String parentCode, long seq,
                                Map<String, AggregatedValue> values, Completeness completeness, Instant asOf) {

    public RollupContributed {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
