package dev.cascade.portal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A roll-up of a unit for a programme and period ({@code GET /aggregates/{programme}/{period}/{unit}}). */
public record Aggregate(String programme, String period, String unitCode, String level, String parentCode,
                        long version, Instant asOf, Map<String, Figure> values, Completeness completeness,
                        List<TargetProgress> targets, List<Child> children, boolean restated, boolean approximate,
                        List<Predecessor> predecessors) {

    /** An aggregated figure: {@code value} is the one to show (a ratio in percent). */
    public record Figure(String rule, BigDecimal value, BigDecimal sum, BigDecimal numerator, BigDecimal denominator,
                         Long count) {
    }

    /** Received against expected, on time and late. */
    public record Completeness(long expected, long received, long onTime, long late) {

        public long missing() {
            return Math.max(0, expected - received);
        }
    }

    /** Progress against one target of a plan the unit issued. */
    public record TargetProgress(String indicator, String planId, int year, String comparator, BigDecimal target,
                                 BigDecimal upper, BigDecimal actual, boolean met, BigDecimal gap) {
    }

    /** A child that contributed: a reporting unit's report or a roll-up beneath. */
    public record Child(String unitCode, String source, long version, Map<String, Figure> values,
                        Completeness completeness) {

        public boolean rollUp() {
            return "ROLLUP".equals(source);
        }
    }

    /** A unit before the 2025 reform whose figures a restated view joins. */
    public record Predecessor(String unitCode, String kind, String name, String level, String parentCode,
                              boolean contributed, Completeness completeness) {
    }
}
