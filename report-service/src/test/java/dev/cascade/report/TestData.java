package dev.cascade.report;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;

import dev.cascade.report.obligation.Obligation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real units of Hải Dương (province 30): communes 10813 and 10816 in district 294 (Thanh Hà), 10507 in district 288
 * (TP Hải Dương); before 1 July 2025 the four-level ladder, from then commune → province 31 → ministry.
 */
public final class TestData {

    public static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    private TestData() {
    }

    public static List<UnitUpserted> units() {
        List<UnitUpserted> units = new ArrayList<>();
        units.add(new UnitUpserted("BGDDT", List.of(new UnitPlacement("2025-03", null, null,
                "Bộ Giáo dục và Đào tạo", "Bộ", UnitLevel.MINISTRY, null)), 1));
        units.add(new UnitUpserted("30", List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30),
                "Tỉnh Hải Dương", "Tỉnh", UnitLevel.PROVINCE, "BGDDT")), 1));
        units.add(new UnitUpserted("31", List.of(new UnitPlacement("2025-07", REFORM, null,
                "Thành phố Hải Phòng", "Thành phố Trung ương", UnitLevel.PROVINCE, "BGDDT")), 1));
        units.add(district("294", "Huyện Thanh Hà"));
        units.add(district("288", "Thành phố Hải Dương"));
        units.add(commune("10813", "Thị trấn Thanh Hà", "294"));
        units.add(commune("10816", "Xã Hồng Lạc", "294"));
        units.add(commune("10507", "Phường Cẩm Thượng", "288"));
        return units;
    }

    static UnitUpserted district(String code, String name) {
        return new UnitUpserted(code, List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), name,
                "Huyện", UnitLevel.DISTRICT, "30")), 1);
    }

    public static UnitUpserted commune(String code, String name, String district) {
        return new UnitUpserted(code, List.of(
                new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), name, "Xã", UnitLevel.COMMUNE,
                        district),
                new UnitPlacement("2025-07", REFORM, null, name, "Xã", UnitLevel.COMMUNE, "31")), 1);
    }

    /** Thành phố Uông Bí (district-level city 196 of Quảng Ninh, 22): its ten communes and wards before the reform. */
    public static final List<String> UONG_BI = List.of("06808", "06811", "06814", "06817", "06820", "06823", "06826",
            "06829", "06832", "06835");

    /**
     * The successions plan-service computes for a plan of Uông Bí (the seed plan 2203/KH-UBND): on 1 July 2025 the
     * district level is abolished (the city's role passes to the province, 22) and the ten units merge into three
     * wards, 06820 (06808, 06814, 06823 and a part of 06820), 06811 (06811, 06817, 06826 and the other part of
     * 06820) and 06832 (06829, 06832, 06835).
     */
    public static final List<ReportingSuccession> UONG_BI_SUCCESSIONS = List.of(
            new ReportingSuccession("196", REFORM, SuccessionReason.LEVEL_ABOLISHED, List.of(full("22")), "cấp huyện"),
            merged("06808", full("06820")), merged("06811", full("06811")), merged("06814", full("06820")),
            merged("06817", full("06811")), merged("06820", part("06811"), part("06820")),
            merged("06823", full("06820")), merged("06826", full("06811")), merged("06829", full("06832")),
            merged("06832", full("06832")), merged("06835", full("06832")));

    private static ReportingSuccession merged(String old, SuccessorUnit... successors) {
        return new ReportingSuccession(old, REFORM, SuccessionReason.MERGED, List.of(successors),
                "Nghị quyết 1680/NQ-UBTVQH15");
    }

    private static SuccessorUnit full(String code) {
        return new SuccessorUnit(code, false);
    }

    private static SuccessorUnit part(String code) {
        return new SuccessorUnit(code, true);
    }

    /**
     * The units of Uông Bí as plan-service publishes them: province 22 on both sides of the reform; city 196 and its
     * ten units under it (hierarchy 2025-03) until 30 June 2025; from 1 July 2025 (hierarchy 2025-07) the three new
     * wards 06811, 06820 and 06832 (codes that continue) directly under the province.
     */
    public static List<UnitUpserted> uongBiUnits() {
        List<UnitUpserted> units = new ArrayList<>();
        units.add(new UnitUpserted("22", List.of(
                new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Tỉnh Quảng Ninh", "Tỉnh",
                        UnitLevel.PROVINCE, "BGDDT"),
                new UnitPlacement("2025-07", REFORM, null, "Tỉnh Quảng Ninh", "Tỉnh", UnitLevel.PROVINCE, "BGDDT")),
                1));
        units.add(new UnitUpserted("196", List.of(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30),
                "Thành phố Uông Bí", "Thành phố", UnitLevel.DISTRICT, "22")), 1));
        for (String code : UONG_BI) {
            List<UnitPlacement> placements = new ArrayList<>();
            placements.add(new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Phường " + code, "Phường",
                    UnitLevel.COMMUNE, "196"));
            if (List.of("06811", "06820", "06832").contains(code)) {
                placements.add(new UnitPlacement("2025-07", REFORM, null, "Phường " + code + " (mới)", "Phường",
                        UnitLevel.COMMUNE, "22"));
            }
            units.add(new UnitUpserted(code, placements, 1));
        }
        return units;
    }

    public static final List<IndicatorDefinition> DATA_FORM = List.of(
            new IndicatorDefinition("GDNN_INTAKE_RATE", "Tỷ lệ học sinh tốt nghiệp THCS, THPT vào học GDNN", "%",
                    IndicatorKind.RATIO, AggregationRule.RATIO_OF_SUMS, "Số vào học GDNN", "Số tốt nghiệp"),
            new IndicatorDefinition("GDNN_NEW_ENROLMENT", "Số người tuyển sinh mới GDNN", "người",
                    IndicatorKind.COUNT, AggregationRule.SUM, null, null));

    public static final List<String> OUTLINE = List.of("results", "shortcomings", "difficulties", "proposals");

    /** Annual period {@code year}: cut-off 15/12 of the year before to 14/12; commune 05/12, district 10/12, ... */
    public static ReportingPeriod annual(int year) {
        return new ReportingPeriod(String.valueOf(year), LocalDate.of(year - 1, 12, 15), LocalDate.of(year, 12, 14),
                Map.of(UnitLevel.COMMUNE, LocalDate.of(year, 12, 5), UnitLevel.DISTRICT, LocalDate.of(year, 12, 10),
                        UnitLevel.PROVINCE, LocalDate.of(year, 12, 16), UnitLevel.MINISTRY,
                        LocalDate.of(year, 12, 25)));
    }

    /** A plan of province 30 whose programme {@code programme} has the given periods. */
    public static PlanIssued plan(String programme, List<String> reportingUnits, ReportingPeriod... periods) {
        return new PlanIssued("KH-" + programme, "2625/KH-UBND", "Kế hoạch " + programme, "30",
                LocalDate.of(2023, 7, 21), List.of("21-CT/TW"), 2023, 2030, List.of(),
                List.of(new PlanTask("1", "Tuyên truyền", "Sở LĐTBXH", List.of()),
                        new PlanTask("2", "Tuyển sinh", "Sở GDĐT", List.of())),
                new ReportingProgramme(programme, "Báo cáo " + programme, Frequency.ANNUAL, DATA_FORM, OUTLINE,
                        List.of(periods)),
                reportingUnits, 1);
    }

    /** A valid report body (who submits it is the token's subject, never a field of the body). */
    public static String report(String unit, String programme, String period, int numerator, int denominator,
                                int enrolment) {
        return """
                {"unitCode":"%s","programme":"%s","period":"%s",
                 "values":{"GDNN_INTAKE_RATE":{"numerator":%d,"denominator":%d},"GDNN_NEW_ENROLMENT":{"value":%d}},
                 "tasks":[{"task":"1","status":"IN_PROGRESS","text":"Đã tổ chức 4 buổi tư vấn"}],
                 "narrative":{"results":"Kết quả","shortcomings":"Hạn chế","difficulties":"Khó khăn",
                              "proposals":"Kiến nghị"}}
                """.formatted(unit, programme, period, numerator, denominator, enrolment);
    }

    /**
     * Asserts the just-opened 2024 obligation of commune 10813 (district 294, province 30): a commune's, due on
     * 5 December (midnight in Hanoi), open, version 1.
     */
    public static void assertOpenCommune10813(Obligation commune) {
        assertThat(commune.level()).isEqualTo(UnitLevel.COMMUNE);
        assertThat(commune.parentCode()).isEqualTo("294");
        assertThat(commune.ancestors()).containsExactly("294", "30", "BGDDT");
        assertThat(commune.deadline()).isEqualTo(LocalDate.of(2024, 12, 5));
        assertThat(commune.dueAt()).isEqualTo(Instant.parse("2024-12-05T17:00:00Z"));
        assertThat(commune.status()).isEqualTo(ObligationStatus.OPEN);
        assertThat(commune.version()).isEqualTo(1);
    }
}
