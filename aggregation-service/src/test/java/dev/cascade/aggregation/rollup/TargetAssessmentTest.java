package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.TargetProgress;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetAssessmentTest {

    static final Map<String, AggregatedValue> VALUES = Map.of(
            "RATE", new AggregatedValue(AggregationRule.RATIO_OF_SUMS, new BigDecimal("57.78"), null,
                    new BigDecimal("260"), new BigDecimal("450"), null, null, 3),
            "ENROLMENT", new AggregatedValue(AggregationRule.SUM, new BigDecimal("65"), new BigDecimal("65"), null,
                    null, new BigDecimal("10"), new BigDecimal("35"), 3));

    static Target target(String indicator, int year, TargetComparator comparator, String value, String upper) {
        return new Target(indicator, year, comparator, new BigDecimal(value), upper == null ? null : new BigDecimal(upper));
    }

    /** The plan P's {@code targets} assessed for 2024 on {@code values}. */
    private static List<TargetProgress> assessIn2024(Map<String, AggregatedValue> values, Target... targets) {
        return TargetAssessment.assess(List.of(new PlanTargets("P", List.of(targets))), 2024, values);
    }

    @Test
    void targetOfThePeriodsYearApplies() {
        List<TargetProgress> progress = assessIn2024(VALUES,
                target("ENROLMENT", 2023, TargetComparator.AT_LEAST, "10", null),
                target("ENROLMENT", 2024, TargetComparator.AT_LEAST, "60", null),
                target("ENROLMENT", 2030, TargetComparator.AT_LEAST, "500", null));

        assertThat(progress).containsExactly(new TargetProgress("ENROLMENT", "P", 2024, TargetComparator.AT_LEAST,
                new BigDecimal("60"), null, new BigDecimal("65"), true, BigDecimal.ZERO));
    }

    @Test
    void withoutATargetForThePeriodsYearTheNearestLaterOneApplies() {
        List<TargetProgress> progress = assessIn2024(VALUES,
                target("RATE", 2030, TargetComparator.RANGE, "50", "55"),
                target("RATE", 2025, TargetComparator.AT_LEAST, "60", null),
                target("RATE", 2023, TargetComparator.AT_LEAST, "1", null));

        assertThat(progress).singleElement().satisfies(p -> {
            assertThat(p.year()).isEqualTo(2025);
            assertThat(p.met()).isFalse();
            assertThat(p.gap()).isEqualTo("2.22");
        });
    }

    @Test
    void targetsOfEarlierYearsOnlyAreNotAssessed() {
        assertThat(assessIn2024(VALUES, target("RATE", 2020, TargetComparator.AT_LEAST, "50", null))).isEmpty();
    }

    @Test
    void atMostIsMetAtOrBelowTheBound() {
        assertThat(TargetAssessment.assess("P", target("ENROLMENT", 2024, TargetComparator.AT_MOST, "65", null),
                new BigDecimal("65"))).satisfies(p -> {
            assertThat(p.met()).isTrue();
            assertThat(p.gap()).isEqualTo(BigDecimal.ZERO);
        });
        assertThat(TargetAssessment.assess("P", target("ENROLMENT", 2024, TargetComparator.AT_MOST, "60", null),
                new BigDecimal("65"))).satisfies(p -> {
            assertThat(p.met()).isFalse();
            assertThat(p.gap()).isEqualByComparingTo("5");
        });
    }

    @Test
    void rangeGapIsTheDistanceToTheNearestBound() {
        Target range = target("RATE", 2030, TargetComparator.RANGE, "50", "55");

        assertThat(TargetAssessment.assess("P", range, new BigDecimal("57.78")).gap()).isEqualTo("2.78");
        assertThat(TargetAssessment.assess("P", range, new BigDecimal("48.50")).gap()).isEqualTo("1.50");
        assertThat(TargetAssessment.assess("P", range, new BigDecimal("50.00")).met()).isTrue();
        assertThat(TargetAssessment.assess("P", range, new BigDecimal("55.00")).met()).isTrue();
        assertThat(TargetAssessment.assess("P", range, new BigDecimal("57.78")).met()).isFalse();
    }

    @Test
    void targetOfAnIndicatorWithoutValuesIsNotAssessed() {
        assertThat(assessIn2024(VALUES, target("GRADUATES", 2024, TargetComparator.AT_LEAST, "5", null))).isEmpty();
    }

    @Test
    void ratioWithoutADenominatorIsUnmetWithoutAGap() {
        Map<String, AggregatedValue> zero = Map.of("RATE", new AggregatedValue(AggregationRule.RATIO_OF_SUMS, null,
                null, BigDecimal.ZERO, BigDecimal.ZERO, null, null, 1));

        assertThat(assessIn2024(zero, target("RATE", 2024, TargetComparator.AT_LEAST, "5", null)))
                .singleElement().satisfies(p -> {
                    assertThat(p.actual()).isNull();
                    assertThat(p.met()).isFalse();
                    assertThat(p.gap()).isNull();
                });
    }
}
