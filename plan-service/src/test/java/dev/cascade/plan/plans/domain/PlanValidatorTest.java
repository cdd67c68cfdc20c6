package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedProgramme;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTarget;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTask;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.unit.domain.UnitRegister;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanValidatorTest {

    static Map<String, AdministrativeUnit> units;
    static final Map<String, Indicator> INDICATORS = Map.of(
            "GDNN_INTAKE_RATE", new Indicator("GDNN_INTAKE_RATE", "Tỷ lệ", "%", IndicatorKind.RATIO,
                    AggregationRule.RATIO_OF_SUMS, "vào học", "tốt nghiệp", null),
            "GDNN_NEW_ENROLMENT", new Indicator("GDNN_NEW_ENROLMENT", "Số người", "người", IndicatorKind.COUNT,
                    AggregationRule.SUM, null, null, Indicator.CountNature.FLOW));

    PlanValidator validator;

    @BeforeAll
    static void units() {
        units = new HashMap<>();
        UnitRegister.load().select(ProvinceSelection.parse("30")).forEach(u -> units.put(u.code(), u));
    }

    PlanValidatorTest() {
        UnitDirectory directory = codes -> {
            Map<String, AdministrativeUnit> found = new HashMap<>();
            codes.forEach(c -> Optional.ofNullable(units.get(c)).ifPresent(u -> found.put(c, u)));
            return found;
        };
        validator = new PlanValidator(directory, code -> Optional.ofNullable(INDICATORS.get(code)));
    }

    static ProposedPlan valid() {
        return new ProposedPlan("123/KH-UBND", "Kế hoạch", "30", "2024-01-15", List.of("21-CT/TW"), 2024, 2030,
                List.of(new ProposedTarget("GDNN_INTAKE_RATE", 2030, "RANGE", new BigDecimal("50"),
                        new BigDecimal("55"))),
                List.of(new ProposedTask("1", "Tuyên truyền", "30", List.of("294"))),
                new ProposedProgramme("HD-GDNN-ANNUAL", "Báo cáo năm", "ANNUAL",
                        List.of("GDNN_INTAKE_RATE", "GDNN_NEW_ENROLMENT"),
                        List.of("results", "shortcomings", "difficulties", "proposals"),
                        Map.of("COMMUNE", "12-10", "DISTRICT", "12-15", "PROVINCE", "12-20", "MINISTRY", "12-25")),
                List.of("10813", "10816", "10507"));
    }

    static ProposedPlan withProgramme(UnaryOperator<ProposedProgramme> change) {
        ProposedPlan p = valid();
        return new ProposedPlan(p.number(), p.title(), p.issuerUnitCode(), p.issueDate(), p.basis(), p.horizonStart(),
                p.horizonEnd(), p.targets(), p.tasks(), change.apply(p.programme()), p.reportingUnits());
    }

    List<Violation> violations(ProposedPlan plan) {
        return catchThrowableOfType(InvalidPlan.class, () -> validator.validate(plan)).violations();
    }

    @Test
    void aCompleteProposalBecomesPlanContent() {
        PlanContent content = validator.validate(valid());

        assertThat(content.planId()).isEqualTo("KH-30-2024-123");
        assertThat(content.issueDate()).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(content.targets()).containsExactly(new Target("GDNN_INTAKE_RATE", 2030, TargetComparator.RANGE,
                new BigDecimal("50"), new BigDecimal("55")));
        assertThat(content.tasks()).containsExactly(new PlanTask("1", "Tuyên truyền", "30", List.of("294")));
        assertThat(content.programme().frequency()).isEqualTo(Frequency.ANNUAL);
        assertThat(content.programme().deadlines()).containsEntry(UnitLevel.COMMUNE, MonthDay.of(12, 10))
                .hasSize(4);
        assertThat(content.reportingUnits()).containsExactly("10813", "10816", "10507");
    }

    @Test
    void everyMissingFieldIsNamed() {
        ProposedPlan empty = new ProposedPlan(null, " ", null, null, null, null, null, null, null, null, null);
        assertThat(violations(empty)).extracting(Violation::field).containsExactlyInAnyOrder(
                "number", "title", "issuerUnitCode", "issueDate", "horizonStart", "horizonEnd", "programme",
                "reportingUnits");
    }

    @Test
    void unknownIndicatorsAndUnitsAreNamedByTheirPosition() {
        ProposedPlan p = valid();
        ProposedPlan wrong = new ProposedPlan(p.number(), p.title(), p.issuerUnitCode(), p.issueDate(), p.basis(),
                p.horizonStart(), p.horizonEnd(),
                List.of(new ProposedTarget("NO_SUCH", 2030, "AT_LEAST", BigDecimal.ONE, null)),
                List.of(new ProposedTask("1", "x", "99999", List.of("30", "88888"))),
                new ProposedProgramme("HD-X", "t", "ANNUAL", List.of("GDNN_INTAKE_RATE", "NOPE"), List.of("results"),
                        Map.of("COMMUNE", "12-10")),
                List.of("10813", "77777"));

        assertThat(violations(wrong)).containsExactlyInAnyOrder(
                new Violation("targets[0].indicator", "unknown indicator NO_SUCH"),
                new Violation("tasks[0].leadUnit", "unknown unit 99999"),
                new Violation("tasks[0].cooperatingUnits[1]", "unknown unit 88888"),
                new Violation("programme.indicators[1]", "unknown indicator NOPE"),
                new Violation("reportingUnits[1]", "unknown unit 77777"));
    }

    @Test
    void targetsAreCheckedAgainstTheirComparatorAndKind() {
        ProposedPlan p = valid();
        ProposedPlan wrong = new ProposedPlan(p.number(), p.title(), p.issuerUnitCode(), p.issueDate(), p.basis(),
                p.horizonStart(), p.horizonEnd(), List.of(
                new ProposedTarget("GDNN_INTAKE_RATE", 2030, "RANGE", new BigDecimal("50"), null),
                new ProposedTarget("GDNN_INTAKE_RATE", 2029, "AT_LEAST", new BigDecimal("120"), null),
                new ProposedTarget("GDNN_NEW_ENROLMENT", 2020, "ABOUT", new BigDecimal("-1"), null)),
                p.tasks(), p.programme(), p.reportingUnits());

        assertThat(violations(wrong)).extracting(Violation::field).containsExactlyInAnyOrder(
                "targets[0].upper", "targets[1].value", "targets[2].year", "targets[2].comparator",
                "targets[2].value");
    }

    @Test
    void deadlinesMustBeMonthDaysOfKnownLevelsInLadderOrder() {
        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), g.frequency(),
                g.indicators(), g.outline(), Map.of("COMMUNE", "13-40", "VILLAGE", "12-01")))))
                .extracting(Violation::field)
                .contains("programme.deadlines.COMMUNE", "programme.deadlines.VILLAGE");

        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), g.frequency(),
                g.indicators(), g.outline(), Map.of("COMMUNE", "12-10", "DISTRICT", "12-15", "PROVINCE", "12-12")))))
                .extracting(Violation::field).containsExactly("programme.deadlines.PROVINCE");
    }

    @Test
    void aReportingUnitNeedsTheDeadlineOfItsLevel() {
        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), g.frequency(),
                g.indicators(), g.outline(), Map.of("DISTRICT", "12-15")))))
                .extracting(Violation::field).containsExactly("reportingUnits[0]", "reportingUnits[1]",
                        "reportingUnits[2]");
    }

    @Test
    void onlyAnnualPeriodsAreComputedSoFar() {
        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), "QUARTERLY",
                g.indicators(), g.outline(), g.deadlines()))))
                .containsExactly(new Violation("programme.frequency",
                        "periods of QUARTERLY are not computed yet; supported: ANNUAL"));
    }

    @Test
    void reportingUnitsMustBeUnderTheIssuerOnTheIssueDate() {
        ProposedPlan p = valid();
        ProposedPlan district = new ProposedPlan(p.number(), p.title(), "294", p.issueDate(), p.basis(),
                p.horizonStart(), p.horizonEnd(), p.targets(), List.of(), p.programme(), p.reportingUnits());

        assertThat(violations(district)).containsExactly(
                new Violation("reportingUnits[2]", "unit 10507 is not under the issuer 294 on 2024-01-15"));
    }

    @Test
    void aUnitIsCheckedOnTheIssueDate() {
        ProposedPlan p = valid();
        ProposedPlan afterReform = new ProposedPlan(p.number(), p.title(), "294", "2025-08-01", p.basis(),
                2025, 2030, p.targets(), List.of(), p.programme(), List.of("10813"));

        assertThat(violations(afterReform)).extracting(Violation::field)
                .containsExactly("issuerUnitCode", "reportingUnits[0]");
    }

    @Test
    void planIdsComeFromIssuerYearAndNumber() {
        assertThat(PlanId.of("30", LocalDate.of(2023, 7, 21), "2625/KH-UBND")).isEqualTo("KH-30-2023-2625");
        assertThat(PlanId.of("294", LocalDate.of(2023, 7, 21), "CT21/KH-UBND")).isEqualTo("KH-294-2023-CT21");
        assertThat(PlanId.of("BGDDT", LocalDate.of(2024, 1, 2), "Số 12 đặc biệt")).isEqualTo("KH-BGDDT-2024-SO-12-DAC-BIET");
        assertThat(PlanId.numberPart("/KH-UBND")).isEqualTo("KH-UBND");
    }
}
