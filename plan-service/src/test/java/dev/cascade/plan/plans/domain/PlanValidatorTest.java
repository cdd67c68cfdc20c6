package dev.cascade.plan.plans.domain;

import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.validation.Violation;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.schedule.AdHocPeriod;
import dev.cascade.plan.schedule.DeadlineRule;
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.contracts.WorkingDays;
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
        assertThat(content.programme().deadlines()).containsEntry(UnitLevel.COMMUNE, new DeadlineRule.OnMonthDay(MonthDay.of(12, 10)))
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
    void aMonthDayDeadlineOnlyFitsAnAnnualProgramme() {
        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), "QUARTERLY",
                g.indicators(), g.outline(), Map.of("COMMUNE", "+2", "DISTRICT", "+4", "PROVINCE", "12-20")))))
                .containsExactly(new Violation("programme.deadlines.PROVINCE", "a month-day deadline only fits ANNUAL"
                        + " programmes; give +N working days after the cut-off end for QUARTERLY"));
    }

    @Test
    void everyFrequencyIsAcceptedWithWorkingDayOffsets() {
        for (String frequency : List.of("MONTHLY", "QUARTERLY", "SIX_MONTHLY", "NINE_MONTHLY", "ANNUAL", "AD_HOC",
                "INTERIM_REVIEW_5Y", "FINAL_REVIEW_10Y")) {
            PlanContent content = validator.validate(withProgramme(g -> new ProposedProgramme(g.code(), g.title(),
                    frequency, g.indicators(), g.outline(),
                    Map.of("COMMUNE", "+1", "DISTRICT", "+3", "PROVINCE", "+5", "MINISTRY", "+7"))));
            assertThat(content.programme().frequency()).isEqualTo(Frequency.valueOf(frequency));
            assertThat(content.warnings()).isEmpty();
        }
    }

    @Test
    void anAdHocProgrammeHasTheRequestedPeriodsOnly() {
        PlanContent content = validator.validate(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), "AD_HOC",
                g.indicators(), g.outline(), Map.of("COMMUNE", "+2", "DISTRICT", "+4", "PROVINCE", "+6"),
                List.of(new ProposedPlan.ProposedAdHocPeriod("2024-DOT1", "2024-03-01", "2024-03-31")))));
        assertThat(content.programme().adHocPeriods()).extracting(AdHocPeriod::id).containsExactly("2024-DOT1");

        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), "AD_HOC", g.indicators(),
                g.outline(), Map.of("COMMUNE", "+2", "DISTRICT", "+4", "PROVINCE", "+6"), List.of(
                new ProposedPlan.ProposedAdHocPeriod("2024-DOT1", "2024-03-01", "2024-02-28"),
                new ProposedPlan.ProposedAdHocPeriod("2024 đợt 2", "1/4/2024", "2024-04-30"))))))
                .extracting(Violation::field).containsExactly("programme.adHocPeriods[0].cutOffEnd",
                        "programme.adHocPeriods[1].id", "programme.adHocPeriods[1].cutOffStart");
        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), "ANNUAL", g.indicators(),
                g.outline(), g.deadlines(),
                List.of(new ProposedPlan.ProposedAdHocPeriod("X", "2024-03-01", "2024-03-31"))))))
                .extracting(Violation::field).containsExactly("programme.adHocPeriods");
    }

    @Test
    void anOffsetOfZeroWorkingDaysIsRefused() {
        assertThat(violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(), "MONTHLY",
                g.indicators(), g.outline(), Map.of("COMMUNE", "+0", "DISTRICT", "+1", "PROVINCE", "+2")))))
                .extracting(Violation::field).containsExactly("programme.deadlines.COMMUNE");
    }

    @Test
    void aProvinceOrMinistryDeadlineWithinTheCutOffIsRefused() {
        // 12-14 is the cut-off end itself: Decree 09 Art. 8.5 wants a working day between. In 2024 and 2025 the 14th
        // is a weekend day and the deadline moves past it; 14 December 2026 is a Monday
        List<Violation> violations = violations(withProgramme(g -> new ProposedProgramme(g.code(), g.title(),
                g.frequency(), g.indicators(), g.outline(),
                Map.of("COMMUNE", "12-10", "DISTRICT", "12-12", "PROVINCE", "12-14", "MINISTRY", "12-25"))));
        assertThat(violations).extracting(Violation::field).containsExactly("programme.deadlines.PROVINCE");
        assertThat(violations.get(0).message()).contains("period 2026 is due on 2026-12-14, before 2026-12-15", "cut-off end 2026-12-14",
                "Decree 09 Art. 8.5");
    }

    @Test
    void aCommuneDeadlineBeforeTheCutOffEndIsAcceptedWithAWarning() {
        // seed 001: communes report by 10/12, the annual cut-off ends 14/12
        PlanContent content = validator.validate(valid());
        assertThat(content.warnings()).extracting(Violation::field).containsExactly("programme.deadlines.COMMUNE");
        assertThat(content.warnings().get(0).message()).startsWith("period 2024 is due on 2024-12-10, before"
                + " 2024-12-16, the first working day after its cut-off end 2024-12-14");
    }

    @Test
    void aParentPlanInTheBasisMustExistAndItsIssuerSitAboveTheIssuer() {
        Map<String, String> issuers = Map.of("KH-30-2023-2625", "30", "KH-294-2023-CT21", "294");
        PlanValidator withPlans = new PlanValidator(codes -> {
            Map<String, AdministrativeUnit> found = new HashMap<>();
            codes.forEach(c -> Optional.ofNullable(units.get(c)).ifPresent(u -> found.put(c, u)));
            return found;
        }, code -> Optional.ofNullable(INDICATORS.get(code)), new ReportingCalendar(new WorkingDays()),
                id -> Optional.ofNullable(issuers.get(id)));
        ProposedPlan p = valid();
        ProposedPlan district = new ProposedPlan(p.number(), p.title(), "294", p.issueDate(),
                List.of("21-CT/TW", "KH-30-2023-2625"), p.horizonStart(), p.horizonEnd(), p.targets(), List.of(),
                p.programme(), List.of("10813"));
        assertThat(withPlans.validate(district).basis()).containsExactly("21-CT/TW", "KH-30-2023-2625");

        ProposedPlan province = new ProposedPlan(p.number(), p.title(), "30", p.issueDate(),
                List.of("KH-294-2023-CT21", "KH-01-2023-9"), p.horizonStart(), p.horizonEnd(), p.targets(),
                List.of(), p.programme(), p.reportingUnits());
        assertThat(catchThrowableOfType(InvalidPlan.class, () -> withPlans.validate(province)).violations())
                .containsExactly(
                        new Violation("basis[0]", "the issuer 30 does not sit below 294, the issuer of the parent"
                                + " plan KH-294-2023-CT21, on 2024-01-15"),
                        new Violation("basis[1]", "unknown plan KH-01-2023-9 (a plan id; external documents are"
                                + " given by number, e.g. 2625/KH-UBND)"));
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
