package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.WorkingDays;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.PeriodReporter;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.plan.demo.DemoData.SeedFixture;
import dev.cascade.plan.demo.DemoData.SeedPlan;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.plans.domain.UnresolvedUnits.Unresolved;
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.Agency;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.unit.domain.ReformRules;
import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.unit.domain.UnitLineage;
import dev.cascade.plan.unit.domain.UnitRegister;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The successions of plans across the reform of 1 July 2025, on the bundled register as the demo imports it (the
 * 2025-03 provinces of the seed plans with the 2025-07 units they went into, and the seeds' agencies): exactly the
 * units of {@code cascade.units.v1} after the demo's import, so a succession to a unit the demo does not import
 * would show as a refusal here.
 */
class PlanSuccessionsTest {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final String DISTRICTS_ABOLISHED = "Luật Tổ chức chính quyền địa phương 2025: kết thúc hoạt động của đơn"
            + " vị hành chính cấp huyện từ 01/07/2025";
    static final String COMMUNES_MERGED = "Các Nghị quyết 1654–1687/NQ-UBTVQH15 về sắp xếp đơn vị hành chính cấp xã"
            + " năm 2025, từ 01/07/2025";

    /** An annual programme for communes and agencies, each due three working days after the cut-off end. */
    static final ProposedPlan.ProposedProgramme ANNUAL = new ProposedPlan.ProposedProgramme("HD-X", "Báo cáo năm",
            "ANNUAL", List.of("GDNN_INTAKE_RATE"), List.of("results"), Map.of("COMMUNE", "+3", "AGENCY", "+3"));
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ReportingCalendar CALENDAR = new ReportingCalendar(new WorkingDays());
    static SeedFixture fixture;
    static Map<String, AdministrativeUnit> units;
    static PlanValidator validator;
    static PlanSuccessions successions;

    @BeforeAll
    static void theDemosUnits() throws IOException {
        fixture = read("demo/seed-plans.json", SeedFixture.class);
        units = new HashMap<>();
        UnitRegister.load().select(ProvinceSelection.parse(String.join(",", fixture.provinces())))
                .forEach(u -> units.put(u.code(), u));
        fixture.agencies().forEach(a -> units.put(a.code(), Agency.attach(a.code(), a.name(), a.type(),
                units.get(a.parentCode()), a.predecessors() == null ? List.of() : a.predecessors())));
        // the Sở of Hải Dương: a province merged into Hải Phòng, not a district; no rule passes its duty on
        units.put("30-SLDTBXH", Agency.attach("30-SLDTBXH", "Sở Lao động - Thương binh và Xã hội tỉnh Hải Dương",
                "Sở", units.get("30")));
        UnitDirectory directory = codes -> codes.stream().filter(units::containsKey)
                .collect(Collectors.toMap(Function.identity(), units::get, (a, b) -> a));
        UnitLineage lineage = codes -> units.values().stream()
                .filter(u -> u.predecessors().stream().anyMatch(p -> codes.contains(p.code())))
                .sorted(Comparator.comparing(AdministrativeUnit::code)).toList();
        Map<String, Indicator> indicators = new HashMap<>();
        try (InputStream in = resource("indicators/catalogue.json")) {
            JSON.readValue(in, new TypeReference<List<Indicator>>() { }).forEach(i -> indicators.put(i.code(), i));
        }
        validator = new PlanValidator(directory, code -> Optional.ofNullable(indicators.get(code)));
        successions = new PlanSuccessions(directory, lineage, ReformRules.load());
    }

    static ProposedPlan seed(String number) throws IOException {
        SeedPlan seed = fixture.plans().stream().filter(p -> p.seed().equals(number)).findFirst().orElseThrow();
        return seed.plan() != null ? seed.plan() : read(seed.resource(), ProposedPlan.class);
    }

    static ProposedPlan withHorizon(ProposedPlan p, int end, List<String> reportingUnits) {
        return new ProposedPlan(p.number(), p.title(), p.issuerUnitCode(), p.issueDate(), p.basis(), p.horizonStart(),
                end, p.targets(), p.tasks(), p.programme(), reportingUnits);
    }

    static List<ReportingPeriod> periods(PlanContent c) {
        Programme p = c.programme();
        return CALENDAR.periods(p.frequency(), c.horizonStart(), c.horizonEnd(), p.deadlines(), p.adHocPeriods());
    }

    /** The plan as published: content, periods and successions as {@code Plans.issue} computes them. */
    static PlanIssued issued(ProposedPlan proposed) {
        PlanContent content = validator.validate(proposed);
        List<ReportingPeriod> periods = periods(content);
        return Plan.draft(content, periods, null, "test").issue(periods, List.of(),
                successions.of(content, periods), null, "test").toIssuedEvent();
    }

    static ReportingSuccession merged(String old, SuccessorUnit... successors) {
        return new ReportingSuccession(old, REFORM, SuccessionReason.MERGED, List.of(successors), COMMUNES_MERGED);
    }

    static ReportingSuccession abolished(String old, String province) {
        return new ReportingSuccession(old, REFORM, SuccessionReason.LEVEL_ABOLISHED, List.of(full(province)),
                DISTRICTS_ABOLISHED);
    }

    static SuccessorUnit full(String code) {
        return new SuccessorUnit(code, false);
    }

    static SuccessorUnit part(String code) {
        return new SuccessorUnit(code, true);
    }

    @Test
    void theUongBiPlanPassesToThreeNewWardsAndTheCityAndItsOfficesToQuangNinh() throws IOException {
        PlanIssued plan = issued(seed("002"));

        assertThat(plan.programme().periods()).extracting(ReportingPeriod::cutOffEnd)
                .containsExactly(LocalDate.of(2027, 12, 14));
        assertThat(plan.successions()).containsExactly(
                abolished("196", "22"),
                abolished("196-PGDDT", "22"), abolished("196-PTCKH", "22"), abolished("196-PKT", "22"),
                abolished("196-TTTTVH", "22"),
                merged("06808", full("06820")), merged("06811", full("06811")), merged("06814", full("06820")),
                merged("06817", full("06811")), merged("06820", part("06811"), part("06820")),
                merged("06823", full("06820")), merged("06826", full("06811")), merged("06829", full("06832")),
                merged("06832", full("06832")), merged("06835", full("06832")));
        // what report-service makes of it: the three wards owe the 2023-2027 review to Quảng Ninh, the city's
        // offices are absorbed by the province that now receives
        assertThat(plan.reportersOn(LocalDate.of(2027, 12, 14))).containsExactly(
                new PeriodReporter("06820", List.of("06808", "06814", "06820", "06823"), true),
                new PeriodReporter("06811", List.of("06811", "06817", "06820", "06826"), true),
                new PeriodReporter("06832", List.of("06829", "06832", "06835"), false));
        assertThat(plan.issuerOn(LocalDate.of(2027, 12, 14))).isEqualTo("22");
    }

    @Test
    void theThanhHaPlanPassesToTheNewCommunesAndTheDistrictToHaiPhongWhichTookHaiDuong() throws IOException {
        PlanIssued plan = issued(seed("001"));

        assertThat(plan.programme().periods()).extracting(ReportingPeriod::id)
                .containsExactly("2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030");
        assertThat(plan.successions()).containsExactly(
                abolished("294", "31"),
                merged("10813", full("10813")), merged("10816", part("10660"), part("10816")),
                merged("10825", full("10816")), merged("10828", part("10756"), part("10816")),
                merged("10831", part("10756"), part("10843")), merged("10834", full("10843")),
                merged("10840", full("10846")), merged("10843", full("10843")),
                merged("10846", part("10846"), part("11086")), merged("10855", full("10843")),
                merged("10861", full("10813")), merged("10864", full("10846")), merged("10867", full("10813")),
                merged("10876", full("10882")), merged("10879", full("10882")), merged("10882", full("10882")));
        assertThat(plan.reportersOn(LocalDate.of(2024, 12, 14))).extracting(PeriodReporter::unitCode)
                .containsExactlyElementsOf(plan.reportingUnits());
        assertThat(plan.reportersOn(LocalDate.of(2025, 12, 14))).containsExactly(
                new PeriodReporter("10813", List.of("10813", "10861", "10867"), false),
                new PeriodReporter("10660", List.of("10816"), true),
                new PeriodReporter("10816", List.of("10816", "10825", "10828"), true),
                new PeriodReporter("10756", List.of("10828", "10831"), true),
                new PeriodReporter("10843", List.of("10831", "10834", "10843", "10855"), true),
                new PeriodReporter("10846", List.of("10840", "10846", "10864"), true),
                new PeriodReporter("11086", List.of("10846"), true),
                new PeriodReporter("10882", List.of("10876", "10879", "10882"), false));
        assertThat(plan.issuerOn(LocalDate.of(2024, 12, 14))).isEqualTo("294");
        assertThat(plan.issuerOn(LocalDate.of(2025, 12, 14))).isEqualTo("31");
        assertThat(units.get("31").placementOn(REFORM)).isPresent();
    }

    @Test
    void aPlanWhosePeriodsAllEndBeforeTheReformHasNoSuccessions() throws IOException {
        ProposedPlan thanhHa = seed("001");
        ProposedPlan until2024 = withHorizon(thanhHa, 2024, thanhHa.reportingUnits());

        assertThat(issued(until2024).programme().periods()).hasSize(2);
        assertThat(issued(until2024).successions()).isEmpty();
    }

    @Test
    void theAnGiangPlanPassesToTheNewProvinceAndItsDepartmentToTheDepartmentThatTookItOver() throws IOException {
        PlanIssued plan = issued(seed("000"));

        assertThat(plan.programme().periods()).extracting(ReportingPeriod::id, ReportingPeriod::cutOffEnd)
                .containsExactly(tuple("2025-SK", LocalDate.of(2025, 12, 10)));
        // the province by the merge lists; its department by the agency's own predecessors (no merge list names it)
        assertThat(plan.successions()).containsExactly(
                new ReportingSuccession("89", REFORM, SuccessionReason.MERGED, List.of(full("91")),
                        "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh, từ 01/07/2025"),
                new ReportingSuccession("89-SGDDT", REFORM, SuccessionReason.MERGED, List.of(full("91-SGDDT")),
                        null));
        assertThat(plan.reportersOn(LocalDate.of(2025, 12, 10)))
                .containsExactly(new PeriodReporter("91-SGDDT", List.of("89-SGDDT"), false));
        assertThat(plan.issuerOn(LocalDate.of(2025, 12, 10))).isEqualTo("91");
        // the department of the new province exists only from the day the province was formed
        assertThat(units.get("91-SGDDT").placements()).extracting(UnitPlacement::validFrom, UnitPlacement::parentCode)
                .containsExactly(tuple(REFORM, "91"));
    }

    @Test
    void theOtherSeedsNeedNoneTheirUnitsContinue() throws IOException {
        // 003 and 004: agencies of Cần Thơ 92 and Lâm Đồng 68, codes that continue
        PlanIssued canTho = issued(seed("003"));
        assertThat(canTho.programme().periods()).extracting(ReportingPeriod::cutOffEnd)
                .containsExactly(LocalDate.of(2030, 12, 14));
        assertThat(canTho.successions()).isEmpty();
        assertThat(issued(seed("004")).successions()).isEmpty();
    }

    @Test
    void aPlanIssuedAfterTheReformNamesTheNewUnitsAndNeedsNone() throws IOException {
        ProposedPlan thanhHa = seed("001");
        ProposedPlan byHaiPhong = new ProposedPlan("7/KH-UBND", thanhHa.title(), "31", "2025-09-15", List.of(), 2025,
                2026, List.of(), List.of(), thanhHa.programme(), List.of("10813", "10816"));

        assertThat(issued(byHaiPhong).successions()).isEmpty();
    }

    @Test
    void aUnitLeftWithNeitherAPlacementNorASuccessorIsRefusedNamingItAndItsPeriods() throws IOException {
        ProposedPlan thanhHa = seed("001");
        ProposedPlan byHaiDuong = new ProposedPlan("8/KH-UBND", thanhHa.title(), "30", "2024-03-01", List.of(), 2024,
                2026, List.of(), List.of(), ANNUAL, List.of("10813", "30-SLDTBXH"));
        PlanContent content = validator.validate(byHaiDuong);

        UnresolvedUnits refusal = catchThrowableOfType(UnresolvedUnits.class,
                () -> successions.of(content, periods(content)));

        assertThat(refusal.units()).extracting(Unresolved::field, Unresolved::unitCode, Unresolved::periods)
                .containsExactly(tuple("reportingUnits", "30-SLDTBXH",
                        List.of("2025", "2026")));
        assertThat(refusal.units().get(0).message()).isEqualTo("unit 30-SLDTBXH has neither a placement nor a"
                + " successor on the cut-off end of periods 2025 (2025-12-14), 2026 (2026-12-14)");
        assertThat(refusal.getMessage()).isEqualTo("plan KH-30-2024-8: 1 unit(s) have neither a placement nor a"
                + " successor on the cut-off end of a period: 30-SLDTBXH");

        ProposedPlan byTheSo = new ProposedPlan("9/KH-SLDTBXH", thanhHa.title(), "30-SLDTBXH", "2024-03-01",
                List.of(), 2024, 2025, List.of(), List.of(), ANNUAL, List.of("30-SLDTBXH"));
        PlanContent bySo = validator.validate(byTheSo);
        assertThat(catchThrowableOfType(UnresolvedUnits.class, () -> successions.of(bySo, periods(bySo))).units())
                .extracting(Unresolved::field, Unresolved::periods).containsExactly(
                        tuple("reportingUnits", List.of("2025")),
                        tuple("issuerUnitCode", List.of("2025")));
        // the same plan ending before the reform is resolved: every period has its units
        ProposedPlan until2024 = withHorizon(byHaiDuong, 2024, byHaiDuong.reportingUnits());
        PlanContent early = validator.validate(until2024);
        assertThat(successions.of(early, periods(early))).isEmpty();
    }

    @Test
    void theConsumersRuleAgreesThatEverySeedPeriodHasSomeoneToReportAndToReceive() throws IOException {
        for (String seed : List.of("000", "001", "002", "003", "004")) {
            PlanIssued plan = issued(seed(seed));
            for (ReportingPeriod period : plan.programme().periods()) {
                LocalDate day = period.cutOffEnd();
                assertThat(plan.reportersOn(day)).as("seed %s period %s", seed, period.id()).isNotEmpty()
                        .allSatisfy(r -> assertThat(units.get(r.unitCode()).placementOn(day))
                                .as("%s on %s", r.unitCode(), day).isPresent());
                assertThat(units.get(plan.issuerOn(day)).placementOn(day)).as("issuer of seed %s on %s", seed, day)
                        .isPresent();
            }
        }
    }

    private static <T> T read(String name, Class<T> type) throws IOException {
        try (InputStream in = resource(name)) {
            return JSON.readValue(in, type);
        }
    }

    private static InputStream resource(String name) {
        return PlanSuccessionsTest.class.getClassLoader().getResourceAsStream(name);
    }
}
