package dev.cascade.notification;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A reporting season of district 294 (Huyện Thanh Hà, province 30 Tỉnh Hải Dương) for the tests: the units, the plan
 * that names the programme, and the obligations and fulfilments as report-service would publish them.
 */
public final class ReportingSeason {

    public static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final String PROGRAMME = "TH-GDNN-ANNUAL";
    public static final String TITLE = "Báo cáo năm về giáo dục nghề nghiệp";
    public static final String PERIOD = "2024";
    public static final LocalDate DEADLINE = LocalDate.of(2024, 12, 10);
    public static final LocalDate PRE_REFORM_END = LocalDate.of(2025, 6, 30);
    /** {@code cascade.notifications.portal-url} of the tests ({@code https://portal.cascade.test/cascade/}), normalised. */
    public static final String PORTAL = "https://portal.cascade.test/cascade";

    private ReportingSeason() {
    }

    public static UnitUpserted unit(String code, String name, UnitLevel level, String parent) {
        return new UnitUpserted(code, List.of(new UnitPlacement("2025-03", null, PRE_REFORM_END, name,
                name.substring(0, name.lastIndexOf(' ') < 0 ? name.length() : name.indexOf(' ')), level, parent)), 1);
    }

    /** Province 30, district 294 and the given communes of 294 (code → name). */
    public static List<UnitUpserted> units(Map<String, String> communes) {
        List<UnitUpserted> all = new java.util.ArrayList<>(List.of(
                unit("BGDDT", "Bộ Giáo dục và Đào tạo", UnitLevel.MINISTRY, null),
                unit("30", "Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"),
                unit("294", "Huyện Thanh Hà", UnitLevel.DISTRICT, "30")));
        communes.forEach((code, name) -> all.add(unit(code, name, UnitLevel.COMMUNE, "294")));
        return all;
    }

    public static PlanIssued plan(List<String> reportingUnits) {
        return new PlanIssued("KH-294-2024", "CT21/KH-UBND", "Kế hoạch thực hiện Chỉ thị 21", "294",
                LocalDate.of(2024, 1, 15), List.of(), 2024, 2030, List.of(), List.of(),
                new ReportingProgramme(PROGRAMME, TITLE, Frequency.ANNUAL, List.of(), List.of(), List.of(
                        new ReportingPeriod(PERIOD, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 11, 30),
                                Map.of(UnitLevel.COMMUNE, DEADLINE)))),
                reportingUnits, 1);
    }

    public static String obligationId(String commune) {
        return PROGRAMME + "|" + PERIOD + "|" + commune;
    }

    public static ObligationOpened opened(String commune) {
        return new ObligationOpened(obligationId(commune), "KH-294-2024", PROGRAMME, PERIOD, commune,
                UnitLevel.COMMUNE, "294", DEADLINE, DEADLINE.plusDays(1).atStartOfDay(HCM).toInstant(), 1);
    }

    public static ObligationFulfilled fulfilled(String commune, Instant at) {
        return new ObligationFulfilled(obligationId(commune), PROGRAMME, PERIOD, commune, "report-" + commune,
                at.isAfter(DEADLINE.plusDays(1).atStartOfDay(HCM).toInstant()) ? ObligationStatus.FULFILLED_LATE
                        : ObligationStatus.FULFILLED_ON_TIME, at, 2);
    }

    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(HCM).toInstant();
    }

    public static String email(String unit) {
        return "vanthu." + unit + "@haiduong.example";
    }
}
