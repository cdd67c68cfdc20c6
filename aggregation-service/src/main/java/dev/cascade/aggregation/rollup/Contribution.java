package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.RollupContributed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The latest thing a direct child offered to its parent's roll-up: a report of the child itself, or the child's own
 * roll-up. The parent keeps one contribution per child, the one with the highest {@link #version()}.
 *
 * @param version      the report version for a report, the child roll-up's seq for a roll-up
 * @param completeness for a report: expected 1, received 1, on time or late; for a roll-up: as the child counted it
 */
public record Contribution(String childCode, Source source, long version, Map<String, Parts> values,
                           Completeness completeness) {

    public enum Source { REPORT, ROLLUP }

    public Contribution {
        Objects.requireNonNull(childCode, "childCode");
        Objects.requireNonNull(source, "source");
        values = Map.copyOf(values);
        Objects.requireNonNull(completeness, "completeness");
    }

    public static Contribution of(ReportSubmitted report) {
        Map<String, Parts> parts = new TreeMap<>();
        report.values().forEach((indicator, value) -> parts.put(indicator, Parts.of(value)));
        Completeness completeness = new Completeness(1, 1, report.late() ? 0 : 1, report.late() ? 1 : 0);
        return new Contribution(report.unitCode(), Source.REPORT, report.reportVersion(), parts, completeness);
    }

    /**
     * A withdrawn report: the child no longer contributes anything, but the withdrawal keeps its version, so an
     * older version of the report delivered later is still ignored (a tombstone).
     */
    public static Contribution withdrawn(String childCode, long version) {
        return new Contribution(childCode, Source.REPORT, version, Map.of(), Completeness.NONE);
    }

    public static Contribution of(RollupContributed rollup) {
        Map<String, Parts> parts = new LinkedHashMap<>();
        rollup.values().forEach((indicator, value) -> parts.put(indicator, Parts.of(value)));
        return new Contribution(rollup.unitCode(), Source.ROLLUP, rollup.seq(), parts, rollup.completeness());
    }
}
