package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PredecessorKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.cascade.aggregation.rollup.RollUpTest.ENROLMENT;
import static dev.cascade.aggregation.rollup.RollUpTest.RATE;
import static dev.cascade.aggregation.rollup.RollUpTest.RULES;
import static dev.cascade.aggregation.rollup.RollUpTest.report;
import static dev.cascade.contracts.events.PredecessorKind.FULL;
import static dev.cascade.contracts.events.PredecessorKind.PARTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Restating 2024 figures on the post-reform units, with the real merges: Thành phố Hải Phòng (31) = Tỉnh Hải Dương
 * (30) + the old Hải Phòng (31), both FULL; Xã Hà Bắc (10816) = part of Xã Hồng Lạc (10816) + Xã Tân Việt (10825) +
 * part of Xã Cẩm Việt (10828); Xã Thanh Hà (10813) = Thị trấn Thanh Hà (10813) + Xã Thanh Tân (10861) + Xã Thanh Sơn
 * (10867), all FULL.
 */
class RestatementTest {

    // 2024 reports of communes of old province 30 (district 294) and old province 31 (district 303)
    static final Contribution THANH_HA_10813 = report("10813", 1, 120, 200, 35, false);
    static final Contribution THANH_TAN_10861 = report("10861", 1, 30, 50, 8, false);
    static final Contribution HONG_LAC_10816 = report("10816", 1, 90, 150, 20, false);
    static final Contribution MINH_KHAI_11311 = report("11311", 1, 60, 100, 12, false);
    static final Contribution HOANG_VAN_THU_11320 = report("11320", 2, 45, 90, 9, true);

    /** A province's roll-up as it contributes upwards: its totals as parts, its completeness. */
    static Contribution rollUpOf(String unit, long seq, int expected, Contribution... communes) {
        RollUp rollUp = RollUp.of(List.of(communes));
        Map<String, Parts> parts = new TreeMap<>();
        rollUp.totals(RULES).forEach((indicator, value) -> parts.put(indicator, Parts.of(value)));
        return new Contribution(unit, Contribution.Source.ROLLUP, seq, parts, rollUp.completeness(expected));
    }

    static Restatement.Source source(String unit, PredecessorKind kind, Contribution contribution, int expected) {
        return new Restatement.Source(unit, kind, contribution, expected);
    }

    @Test
    void aFullMergeOfTwoProvincesIsExactlyTheRollUpOfAllTheirCommunes() {
        // old 30 expects 4 (10867 has not reported), old 31 expects 2 (11320 reported late)
        Contribution province30 = rollUpOf("30", 3, 4, THANH_HA_10813, THANH_TAN_10861, HONG_LAC_10816);
        Contribution province31 = rollUpOf("31", 2, 2, MINH_KHAI_11311, HOANG_VAN_THU_11320);

        Restatement.Result haiPhong = Restatement.of(List.of(source("30", FULL, province30, 4),
                source("31", FULL, province31, 2)), RULES).orElseThrow();

        // (120 + 30 + 90 + 60 + 45) / (200 + 50 + 150 + 100 + 90) = 345 / 590 = 58.47 %; 35 + 8 + 20 + 12 + 9 = 84
        assertThat(haiPhong.values().get(RATE).value()).isEqualTo("58.47");
        assertThat(haiPhong.values().get(RATE).numerator()).isEqualByComparingTo("345");
        assertThat(haiPhong.values().get(RATE).denominator()).isEqualByComparingTo("590");
        assertThat(haiPhong.values().get(RATE).count()).isEqualTo(5);
        assertThat(haiPhong.values().get(ENROLMENT).value()).isEqualByComparingTo("84");
        assertThat(haiPhong.completeness()).isEqualTo(new Completeness(6, 5, 4, 1));
        assertThat(haiPhong.approximate()).isFalse();
        assertThat(haiPhong.used()).extracting(Restatement.Source::unitCode).containsExactly("30", "31");
        // the same as rolling the five communes up in one roll-up
        assertThat(haiPhong.values()).isEqualTo(RollUp.of(List.of(THANH_HA_10813, THANH_TAN_10861, HONG_LAC_10816,
                MINH_KHAI_11311, HOANG_VAN_THU_11320)).totals(RULES));
    }

    @Test
    void ratiosAreTheRatioOfSummedPartsNeverTheAverageOfThePercentages() {
        // 1 of 2 (50 %) and 90 of 100 (90 %): the average of the percentages would be 70 %, the ratio is 91/102
        Contribution small = rollUpOf("30", 1, 1, report("10813", 1, 1, 2, 0, false));
        Contribution large = rollUpOf("31", 1, 1, report("11311", 1, 90, 100, 0, false));

        AggregatedValue rate = Restatement.of(List.of(source("30", FULL, small, 1), source("31", FULL, large, 1)),
                RULES).orElseThrow().values().get(RATE);

        assertThat(rate.value()).isEqualTo("89.22").isNotEqualByComparingTo("70");
        assertThat(rate.numerator()).isEqualByComparingTo("91");
        assertThat(rate.denominator()).isEqualByComparingTo("102");
    }

    @Test
    void aPartialPredecessorContributesItsWholeFiguresAndMakesTheResultApproximate() {
        Contribution tanViet = report("10825", 1, 30, 60, 7, false);

        Restatement.Result haBac = Restatement.of(List.of(source("10816", PARTIAL, HONG_LAC_10816, 1),
                source("10825", FULL, tanViet, 1), source("10828", PARTIAL, null, 0)), RULES).orElseThrow();

        // all of Hồng Lạc's 90/150 and 20, although only part of it became Hà Bắc: (90 + 30) / (150 + 60) = 57.14 %
        assertThat(haBac.values().get(RATE).value()).isEqualTo("57.14");
        assertThat(haBac.values().get(ENROLMENT).value()).isEqualByComparingTo("27");
        assertThat(haBac.completeness()).isEqualTo(new Completeness(2, 2, 2, 0));
        assertThat(haBac.approximate()).isTrue();
        // Cẩm Việt (10828) neither reported nor was expected: not used
        assertThat(haBac.used()).extracting(Restatement.Source::unitCode).containsExactly("10816", "10825");
    }

    @Test
    void aPartialPredecessorWithNothingInThePeriodLeavesTheResultExact() {
        Restatement.Result result = Restatement.of(List.of(source("10825", FULL, report("10825", 1, 30, 60, 7, false),
                1), source("10828", PARTIAL, null, 0)), RULES).orElseThrow();

        assertThat(result.approximate()).isFalse();
        assertThat(result.values().get(RATE).value()).isEqualTo("50.00");
    }

    @Test
    void anExpectedPredecessorThatHasNotReportedCountsAsExpectedOnly() {
        Restatement.Result thanhHa = Restatement.of(List.of(source("10813", FULL, THANH_HA_10813, 1),
                source("10861", FULL, THANH_TAN_10861, 1), source("10867", FULL, null, 1)), RULES).orElseThrow();

        assertThat(thanhHa.values().get(RATE).value()).isEqualTo("60.00"); // 150/250
        assertThat(thanhHa.values().get(ENROLMENT).value()).isEqualByComparingTo("43");
        assertThat(thanhHa.completeness()).isEqualTo(new Completeness(3, 2, 2, 0));
        assertThat(thanhHa.used()).extracting(Restatement.Source::unitCode).containsExactly("10813", "10861", "10867");
    }

    @Test
    void aWithdrawnReportAddsOnlyItsExpectation() {
        Restatement.Result result = Restatement.of(List.of(source("10813", FULL, Contribution.withdrawn("10813", 2), 1),
                source("10861", FULL, THANH_TAN_10861, 1)), RULES).orElseThrow();

        assertThat(result.values().get(RATE).value()).isEqualTo("60.00"); // Thanh Tân's 30/50 only
        assertThat(result.completeness()).isEqualTo(new Completeness(2, 1, 1, 0));
    }

    @Test
    void minMaxAndAverageFollowTheDeclaredRuleFromTheParts() {
        String teachers = "GDNN_TEACHERS";
        Map<String, AggregationRule> rules = Map.of(RATE, AggregationRule.MAX, ENROLMENT, AggregationRule.AVERAGE,
                teachers, AggregationRule.MIN);
        Contribution a = new Contribution("30", Contribution.Source.ROLLUP, 1, Map.of(
                RATE, new Parts(null, null, null, null, new BigDecimal("12"), 3),
                ENROLMENT, new Parts(new BigDecimal("30"), null, null, null, null, 3),
                teachers, new Parts(null, null, null, new BigDecimal("4"), null, 3)), new Completeness(3, 3, 3, 0));
        Contribution b = new Contribution("31", Contribution.Source.ROLLUP, 1, Map.of(
                RATE, new Parts(null, null, null, null, new BigDecimal("17"), 1),
                ENROLMENT, new Parts(new BigDecimal("20"), null, null, null, null, 1),
                teachers, new Parts(null, null, null, new BigDecimal("2"), null, 1)), new Completeness(1, 1, 1, 0));

        Map<String, AggregatedValue> values = Restatement.of(List.of(source("30", FULL, a, 3), source("31", FULL, b, 1)),
                rules).orElseThrow().values();

        assertThat(values.get(RATE).value()).isEqualByComparingTo("17");
        assertThat(values.get(teachers).value()).isEqualByComparingTo("2");
        // (30 + 20) / 4 reports = 12.50, not the average of the two averages (30/3 + 20/1) / 2 = 15
        assertThat(values.get(ENROLMENT).value()).isEqualTo("12.50");
        assertThat(values.get(ENROLMENT).sum()).isEqualByComparingTo("50");
        assertThat(values.get(ENROLMENT).count()).isEqualTo(4);
    }

    @Test
    void nothingToRestateWhenNoPredecessorHasFiguresOrExpectedReporters() {
        assertThat(Restatement.of(List.of(source("10825", FULL, null, 0), source("10828", PARTIAL, null, 0)), RULES))
                .isEmpty();
        assertThat(Restatement.of(List.of(), RULES)).isEmpty();
    }

    @Test
    void aPredecessorTwiceOrAContributionOfAnotherUnitIsRefused() {
        assertThatThrownBy(() -> Restatement.of(List.of(source("30", FULL, null, 1), source("30", PARTIAL, null, 1)),
                RULES)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30");
        assertThatThrownBy(() -> source("30", FULL, THANH_HA_10813, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10813");
    }

    @Test
    void aLateReportOfAPredecessorCountsAsReceivedAndLate() {
        Restatement.Result result = Restatement.of(List.of(source("11320", FULL, HOANG_VAN_THU_11320, 1)), RULES)
                .orElseThrow();

        assertThat(result.completeness()).isEqualTo(new Completeness(1, 1, 0, 1));
        assertThat(result.values().get(RATE).value()).isEqualTo("50.00");
    }
}
