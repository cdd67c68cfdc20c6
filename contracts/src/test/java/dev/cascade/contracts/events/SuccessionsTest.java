package dev.cascade.contracts.events;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Uông Bí plan (2203/KH-UBND, issuer 196) across the 1 July 2025 reform, with the successions plan-service computes. */
class SuccessionsTest {

    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final String BASIS = "Nghị quyết 1680/NQ-UBTVQH15";

    private static ReportingSuccession merged(String old, SuccessorUnit... successors) {
        return new ReportingSuccession(old, REFORM, SuccessionReason.MERGED, List.of(successors), BASIS);
    }

    private static SuccessorUnit full(String code) {
        return new SuccessorUnit(code, false);
    }

    private static SuccessorUnit part(String code) {
        return new SuccessorUnit(code, true);
    }

    private static final List<String> UONG_BI = List.of("196-PGDDT", "06808", "06811", "06814", "06817", "06820",
            "06823", "06826", "06829", "06832", "06835");

    private static final List<ReportingSuccession> SUCCESSIONS = List.of(
            new ReportingSuccession("196", REFORM, SuccessionReason.LEVEL_ABOLISHED, List.of(full("22")), "cấp huyện"),
            new ReportingSuccession("196-PGDDT", REFORM, SuccessionReason.LEVEL_ABOLISHED, List.of(full("22")),
                    "cấp huyện"),
            merged("06808", full("06820")), merged("06811", full("06811")), merged("06814", full("06820")),
            merged("06817", full("06811")), merged("06820", part("06811"), part("06820")),
            merged("06823", full("06820")), merged("06826", full("06811")), merged("06829", full("06832")),
            merged("06832", full("06832")), merged("06835", full("06832")));

    @Test
    void beforeTheReformEveryUnitOwesItsOwnReport() {
        List<PeriodReporter> reporters = Successions.reporters(UONG_BI, "196", SUCCESSIONS, LocalDate.of(2024, 12, 14));

        assertThat(reporters).extracting(PeriodReporter::unitCode).containsExactlyElementsOf(UONG_BI);
        assertThat(reporters).allSatisfy(r -> {
            assertThat(r.replaces()).isEmpty();
            assertThat(r.partial()).isFalse();
        });
        assertThat(Successions.unitOn("196", SUCCESSIONS, LocalDate.of(2025, 6, 30))).isEqualTo("196");
    }

    @Test
    void afterTheReformTheThreeNewWardsOweItAndTheOfficeIsAbsorbedByTheProvinceThatReceives() {
        List<PeriodReporter> reporters = Successions.reporters(UONG_BI, "196", SUCCESSIONS, LocalDate.of(2027, 12, 14));

        assertThat(reporters).containsExactly(
                new PeriodReporter("06820", List.of("06808", "06814", "06820", "06823"), true),
                new PeriodReporter("06811", List.of("06811", "06817", "06820", "06826"), true),
                new PeriodReporter("06832", List.of("06829", "06832", "06835"), false));
        assertThat(Successions.unitOn("196", SUCCESSIONS, REFORM)).isEqualTo("22");
    }

    @Test
    void aUnitWithoutSuccessionKeepsItsDutyBesideASuccessorAndChainsAreFollowed() {
        List<ReportingSuccession> chain = List.of(merged("A", full("B")),
                new ReportingSuccession("B", LocalDate.of(2030, 1, 1), SuccessionReason.MERGED,
                        List.of(part("C"), part("D")), null));

        assertThat(Successions.reporters(List.of("A", "E"), "X", chain, LocalDate.of(2026, 1, 1))).containsExactly(
                new PeriodReporter("B", List.of("A"), false), new PeriodReporter("E", List.of(), false));
        assertThat(Successions.reporters(List.of("A", "B"), "X", chain, LocalDate.of(2030, 12, 14))).containsExactly(
                new PeriodReporter("C", List.of("A", "B"), true), new PeriodReporter("D", List.of("A", "B"), true));
    }

    @Test
    void aCycleInBadDataEnds() {
        List<ReportingSuccession> cycle = List.of(merged("A", full("B")),
                new ReportingSuccession("B", REFORM.plusYears(1), SuccessionReason.MERGED, List.of(full("A")), null),
                new ReportingSuccession("A", REFORM.plusYears(2), SuccessionReason.MERGED, List.of(full("B")), null));

        assertThat(Successions.reporters(List.of("A"), null, cycle, REFORM.plusYears(3)))
                .extracting(PeriodReporter::unitCode).containsExactly("B");
    }
}
