package dev.cascade.aggregation.plan;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan copy keeps the plan's successions and answers from them as the event itself would. */
class PlanCopyTest {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    /** District 294's plan: 10861 and 10867 merge into 10813, 10816 in part into 10816; the district into 31. */
    static final PlanIssued PLAN = new PlanIssued("KH-294", "1/KH", "Kế hoạch", "294", LocalDate.of(2023, 5, 10),
            List.of(), 2024, 2025, List.of(), List.of(),
            new ReportingProgramme("P", "Báo cáo", Frequency.ANNUAL, List.of(), List.of(), List.of(
                    new ReportingPeriod("2024", LocalDate.of(2023, 12, 15), LocalDate.of(2024, 12, 14), Map.of()),
                    new ReportingPeriod("2025", LocalDate.of(2024, 12, 15), LocalDate.of(2025, 12, 14), Map.of()))),
            List.of("10861", "10867", "10816", "10825"), 1, List.of(
            new ReportingSuccession("10861", REFORM, SuccessionReason.MERGED, List.of(new SuccessorUnit("10813", false)), null),
            new ReportingSuccession("10867", REFORM, SuccessionReason.MERGED, List.of(new SuccessorUnit("10813", false)), null),
            new ReportingSuccession("10816", REFORM, SuccessionReason.MERGED, List.of(new SuccessorUnit("10816", true)), null),
            new ReportingSuccession("10825", REFORM, SuccessionReason.MERGED, List.of(new SuccessorUnit("10816", false)), null),
            new ReportingSuccession("294", REFORM, SuccessionReason.LEVEL_ABOLISHED,
                    List.of(new SuccessorUnit("31", false)), "Nghị quyết 202/2025/QH15")));

    @Test
    void reportersBeforeTheReformAreThePlansUnitsAndAfterItTheirSuccessorsOnceEach() {
        PlanCopy copy = PlanCopy.of(PLAN);

        assertThat(copy.reportersOn(LocalDate.of(2024, 12, 14))).containsExactly("10861", "10867", "10816", "10825");
        assertThat(copy.reportersOn(LocalDate.of(2025, 6, 30))).containsExactly("10861", "10867", "10816", "10825");
        assertThat(copy.reportersOn(LocalDate.of(2025, 12, 14))).containsExactly("10813", "10816");
        // the same as the event says
        assertThat(copy.reportersOn(LocalDate.of(2025, 12, 14))).isEqualTo(PLAN.reportersOn(LocalDate.of(2025, 12, 14))
                .stream().map(r -> r.unitCode()).toList());
    }

    @Test
    void theIssuersRolePassesToTheProvinceOnTheDayOfTheReform() {
        PlanCopy copy = PlanCopy.of(PLAN);

        assertThat(copy.issuerOn(LocalDate.of(2024, 12, 14))).isEqualTo("294");
        assertThat(copy.issuerOn(LocalDate.of(2025, 6, 30))).isEqualTo("294");
        assertThat(copy.issuerOn(REFORM)).isEqualTo("31");
        assertThat(copy.issuerHolders()).containsExactly("294", "31");
    }

    @Test
    void theIssuersHoldersOfANationSizedPlanAreFoundOncePerDayOfReform() {
        // 10,000 communes merged on the day of the reform (as a national plan after 2025), the issuer's own role
        // passing on that day and again on a later one
        List<ReportingSuccession> successions = new java.util.ArrayList<>();
        List<String> communes = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String commune = String.format("C%05d", i);
            communes.add(commune);
            successions.add(new ReportingSuccession(commune, REFORM, SuccessionReason.MERGED,
                    List.of(new SuccessorUnit(String.format("M%04d", i / 3), false)), null));
        }
        successions.add(new ReportingSuccession("294", REFORM, SuccessionReason.LEVEL_ABOLISHED,
                List.of(new SuccessorUnit("31", false)), null));
        successions.add(new ReportingSuccession("31", LocalDate.of(2027, 1, 1), SuccessionReason.MERGED,
                List.of(new SuccessorUnit("99", false)), null));
        PlanIssued national = new PlanIssued("KH-294-N", "2/KH", "Kế hoạch", "294", PLAN.issueDate(), List.of(),
                2024, 2025, List.of(), List.of(), PLAN.programme(), communes, 1, successions);

        PlanCopy copy = PlanCopy.of(national);

        assertThat(copy.issuerHolders()).containsExactly("294", "31", "99");
        assertThat(copy.issuerOn(LocalDate.of(2026, 12, 31))).isEqualTo("31");
        assertThat(copy.reportersOn(LocalDate.of(2025, 12, 14))).hasSize(3_334).startsWith("M0000", "M0001");
    }

    @Test
    void successionsAreKeptWithTheirDaysAsIsoText() {
        PlanCopy copy = PlanCopy.of(PLAN);

        assertThat(copy.successions()).hasSize(5);
        assertThat(copy.successions().get(4)).isEqualTo(new PlanCopy.Succession("294", "2025-07-01",
                SuccessionReason.LEVEL_ABOLISHED, List.of(new SuccessorUnit("31", false)), "Nghị quyết 202/2025/QH15"));
        assertThat(copy.successionRules()).isEqualTo(PLAN.successions());
        assertThat(copy.revoked()).isFalse();
        // a copy stored before successions were kept reads as none: every unit reports itself
        PlanCopy older = new PlanCopy("KH-294", 1, "294", "P", List.of(), List.of(), List.of(),
                List.of("10861"), null, null);
        assertThat(older.reportersOn(LocalDate.of(2025, 12, 14))).containsExactly("10861");
        assertThat(older.issuerHolders()).containsExactly("294");
    }
}
