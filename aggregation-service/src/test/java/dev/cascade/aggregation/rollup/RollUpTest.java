package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.RollupContributed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RollUpTest {

    static final String RATE = "GDNN_INTAKE_RATE";
    static final String ENROLMENT = "GDNN_NEW_ENROLMENT";
    static final Map<String, AggregationRule> RULES =
            Map.of(RATE, AggregationRule.RATIO_OF_SUMS, ENROLMENT, AggregationRule.SUM);

    static Contribution report(String unit, int version, long numerator, long denominator, long enrolment,
                               boolean late) {
        return Contribution.of(new ReportSubmitted("r-" + unit, version, "P1", "HD-GDNN-ANNUAL", "2024", unit, "294",
                "someone", Instant.parse("2024-12-01T01:00:00Z"), late,
                Map.of(RATE, IndicatorValue.ratio(numerator, denominator), ENROLMENT, IndicatorValue.count(enrolment)),
                List.of(), Map.of()));
    }

    static RollUp rollUpOf(Contribution... contributions) {
        return RollUp.of(List.of(contributions));
    }

    @Test
    void ratioIsTheRatioOfSummedNumeratorsAndDenominatorsInPercentWithScaleTwo() {
        Map<String, AggregatedValue> totals = rollUpOf(report("A", 1, 120, 200, 35, false),
                report("B", 1, 90, 150, 20, false)).totals(RULES);

        assertThat(totals.get(RATE)).isEqualTo(new AggregatedValue(AggregationRule.RATIO_OF_SUMS,
                new BigDecimal("60.00"), null, new BigDecimal("210"), new BigDecimal("350"), null, null, 2));
        assertThat(totals.get(ENROLMENT)).isEqualTo(new AggregatedValue(AggregationRule.SUM, new BigDecimal("55"),
                new BigDecimal("55"), null, null, null, null, 2));
    }

    @Test
    void ratioIsNeverAnAverageOfPercentages() {
        // 60 % and 50 % average to 55 %, but 170 of 300 is 56.67 %
        AggregatedValue rate = rollUpOf(report("A", 1, 120, 200, 35, false), report("C", 1, 50, 100, 10, false))
                .totals(RULES).get(RATE);

        assertThat(rate.value()).isEqualByComparingTo("56.67");
        assertThat(rate.numerator()).isEqualByComparingTo("170");
        assertThat(rate.denominator()).isEqualByComparingTo("300");
    }

    @Test
    void percentageRoundsHalfToEven() {
        // 1/800 = 0.125 %: HALF_EVEN gives 0.12 (HALF_UP would give 0.13); 3/800 = 0.375 % gives 0.38
        assertThat(RollUpArithmetic.percentage(BigDecimal.ONE, BigDecimal.valueOf(800))).isEqualTo("0.12");
        assertThat(RollUpArithmetic.percentage(BigDecimal.valueOf(3), BigDecimal.valueOf(800))).isEqualTo("0.38");
        assertThat(RollUpArithmetic.percentage(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
    }

    @Test
    void parentRollsUpTheChildRollUpsFromTheirPartsNotTheirPercentages() {
        // district 294 = 210/350 (60.00 %) and 55; district 288 = 50/100 (50.00 %) and 10
        Map<String, AggregatedValue> district294 = rollUpOf(report("A", 1, 120, 200, 35, false),
                report("B", 1, 90, 150, 20, false)).totals(RULES);
        Map<String, AggregatedValue> district288 = rollUpOf(report("C", 1, 50, 100, 10, false)).totals(RULES);

        Map<String, AggregatedValue> province = rollUpOf(rollup("294", 2, district294, new Completeness(2, 2, 2, 0)),
                rollup("288", 1, district288, new Completeness(1, 1, 1, 0))).totals(RULES);

        assertThat(district288.get(RATE).value()).isEqualTo("50.00");
        assertThat(province.get(RATE).value()).isEqualTo("57.78");
        assertThat(province.get(RATE).numerator()).isEqualByComparingTo("260");
        assertThat(province.get(RATE).denominator()).isEqualByComparingTo("450");
        assertThat(province.get(RATE).count()).isEqualTo(3);
        assertThat(province.get(ENROLMENT).value()).isEqualByComparingTo("65");
        assertThat(province.get(ENROLMENT).count()).isEqualTo(3);
    }

    @Test
    void sameOrOlderVersionOfAChildIsIgnored() {
        RollUp rollUp = rollUpOf(report("A", 2, 120, 200, 35, false));

        assertThat(rollUp.accept(report("A", 2, 1, 2, 3, false))).isEmpty();
        assertThat(rollUp.accept(report("A", 1, 1, 2, 3, false))).isEmpty();
        assertThat(rollUp.accept(report("A", 3, 100, 200, 30, false)).orElseThrow()
                .totals(RULES).get(RATE).value()).isEqualTo("50.00");
    }

    @Test
    void duplicatedContributionsCountOnce() {
        Contribution a = report("A", 1, 120, 200, 35, false);
        Contribution b = report("B", 1, 90, 150, 20, false);

        RollUp rollUp = rollUpOf(a, b, a, b, b);

        assertThat(rollUp.totals(RULES).get(RATE).value()).isEqualTo("60.00");
        assertThat(rollUp.totals(RULES).get(ENROLMENT).value()).isEqualByComparingTo("55");
        assertThat(rollUp.completeness(2)).isEqualTo(new Completeness(2, 2, 2, 0));
    }

    @Test
    void revisionDeliveredBeforeItsPredecessorWins() {
        Contribution firstVersion = report("B", 1, 80, 150, 15, false);
        Contribution revision = report("B", 2, 90, 150, 20, false);

        RollUp inOrder = rollUpOf(report("A", 1, 120, 200, 35, false), firstVersion, revision);
        RollUp revisionFirst = rollUpOf(report("A", 1, 120, 200, 35, false), revision, firstVersion);

        assertThat(revisionFirst.totals(RULES)).isEqualTo(inOrder.totals(RULES));
        assertThat(revisionFirst.totals(RULES).get(RATE).value()).isEqualTo("60.00");
        assertThat(revisionFirst.children()).extracting(Contribution::version).containsExactly(1L, 2L);
    }

    @Test
    void anyOrderWithAnyDuplicatesGivesTheSameTotals() {
        List<Contribution> deliveries = new ArrayList<>(List.of(
                report("A", 1, 100, 200, 30, false), report("A", 2, 120, 200, 35, false),
                report("B", 1, 80, 150, 15, true), report("B", 2, 90, 150, 20, true),
                report("C", 1, 50, 100, 10, false)));
        deliveries.addAll(List.copyOf(deliveries));
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(deliveries, random);
            RollUp rollUp = RollUp.of(deliveries);
            assertThat(rollUp.totals(RULES).get(RATE).value()).isEqualTo("57.78");
            assertThat(rollUp.totals(RULES).get(ENROLMENT).value()).isEqualByComparingTo("65");
            assertThat(rollUp.completeness(3)).isEqualTo(new Completeness(3, 3, 2, 1));
        }
    }

    @Test
    void lateReportCountsAsReceivedAndLate() {
        RollUp rollUp = rollUpOf(report("A", 1, 120, 200, 35, false), report("B", 1, 90, 150, 20, true));

        assertThat(rollUp.completeness(3)).isEqualTo(new Completeness(3, 2, 1, 1));
    }

    @Test
    void completenessOfChildRollUpsSumsTheirReceivedButKeepsTheParentsOwnExpected() {
        RollUp province = rollUpOf(
                rollup("294", 4, Map.of(), new Completeness(2, 2, 1, 1)),
                rollup("288", 1, Map.of(), new Completeness(5, 1, 1, 0)));

        assertThat(province.completeness(3)).isEqualTo(new Completeness(3, 3, 2, 1));
    }

    @Test
    void minMaxAndAverageFollowTheDeclaredRule() {
        RollUp rollUp = rollUpOf(count("A", 7), count("B", 2), count("C", 4));

        assertThat(rollUp.totals(Map.of("X", AggregationRule.MIN)).get("X")).isEqualTo(new AggregatedValue(
                AggregationRule.MIN, BigDecimal.valueOf(2), null, null, null, BigDecimal.valueOf(2), null, 3));
        assertThat(rollUp.totals(Map.of("X", AggregationRule.MAX)).get("X")).isEqualTo(new AggregatedValue(
                AggregationRule.MAX, BigDecimal.valueOf(7), null, null, null, null, BigDecimal.valueOf(7), 3));
        assertThat(rollUp.totals(Map.of("X", AggregationRule.AVERAGE)).get("X").value()).isEqualTo("4.33");
        assertThat(rollUp.totals(Map.of()).get("X").value())
                .as("an indicator the data form does not name sums").isEqualByComparingTo("13");
    }

    @Test
    void averageOverChildRollUpsIsWeightedByTheReportsBehindThem() {
        // district 1: reports 7 and 2 (average 4.5); district 2: report 4. The average over all reports is 13/3.
        Map<String, AggregationRule> average = Map.of("X", AggregationRule.AVERAGE);
        Map<String, AggregatedValue> d1 = rollUpOf(count("A", 7), count("B", 2)).totals(average);
        Map<String, AggregatedValue> d2 = rollUpOf(count("C", 4)).totals(average);

        AggregatedValue top = rollUpOf(rollup("D1", 1, d1, Completeness.NONE), rollup("D2", 1, d2, Completeness.NONE))
                .totals(average).get("X");

        assertThat(d1.get("X").value()).isEqualTo("4.50");
        assertThat(top.value()).isEqualTo("4.33");
        assertThat(top.count()).isEqualTo(3);
    }

    @Test
    void minAndMaxRollUpThroughChildRollUps() {
        Map<String, AggregationRule> min = Map.of("X", AggregationRule.MIN);
        Map<String, AggregatedValue> d1 = rollUpOf(count("A", 7), count("B", 2)).totals(min);
        Map<String, AggregatedValue> d2 = rollUpOf(count("C", 4)).totals(min);

        assertThat(rollUpOf(rollup("D1", 1, d1, Completeness.NONE), rollup("D2", 1, d2, Completeness.NONE))
                .totals(min).get("X").value()).isEqualByComparingTo("2");
    }

    private static Contribution count(String unit, long value) {
        return Contribution.of(new ReportSubmitted("r-" + unit, 1, "P1", "PR", "2024", unit, "X1", "someone",
                Instant.parse("2024-12-01T01:00:00Z"), false, Map.of("X", IndicatorValue.count(value)), List.of(),
                Map.of()));
    }

    private static Contribution rollup(String unit, long seq, Map<String, AggregatedValue> values,
                                       Completeness completeness) {
        return Contribution.of(new RollupContributed("HD-GDNN-ANNUAL", "2024", unit, "30", seq, values, completeness,
                Instant.parse("2024-12-01T01:00:00Z")));
    }
}
