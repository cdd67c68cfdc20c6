package dev.cascade.portal;

import dev.cascade.portal.api.Obligation;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.TaskProgress;
import dev.cascade.portal.api.Unit;
import dev.cascade.portal.api.Value;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A province's quarterly immunisation programme of 2024 as the services would answer it: the plan with three
 * indicators (two counts and a ratio), two tasks and two outline sections; a province, a district, its communes.
 */
public final class Fixtures {

    public static final String PLAN_ID = "KH-HD-2024-TCMR";
    public static final String PROGRAMME = "TE-2024";
    public static final String PROVINCE = "30";
    public static final String DISTRICT = "108";
    public static final String COMMUNE = "10813";

    public static final Plan.Indicator VACCINATED = new Plan.Indicator("TE01", "Số trẻ em được tiêm chủng đầy đủ",
            "trẻ", "COUNT", "SUM", null, null);
    public static final Plan.Indicator COVERAGE = new Plan.Indicator("TE02", "Tỷ lệ trẻ em được tiêm chủng đầy đủ",
            "%", "RATIO", "RATIO_OF_SUMS", "Số trẻ được tiêm đủ", "Số trẻ trong độ tuổi");
    public static final Plan.Indicator SESSIONS = new Plan.Indicator("TE03", "Số buổi tiêm chủng lưu động", "buổi",
            "COUNT", "SUM", null, null);

    public static final Plan.Period Q1 = period("2024-Q1", "2023-12-15", "2024-03-14", "2024-03-19", "2024-03-22",
            "2024-03-27", "2024-04-02");
    public static final Plan.Period Q2 = period("2024-Q2", "2024-03-15", "2024-06-14", "2024-06-19", "2024-06-24",
            "2024-06-27", "2024-07-03");
    public static final Plan.Period Q3 = period("2024-Q3", "2024-06-15", "2024-09-14", "2024-09-17", "2024-09-20",
            "2024-09-25", "2024-10-01");
    public static final Plan.Period Q4 = period("2024-Q4", "2024-09-15", "2024-12-14", "2024-12-17", "2024-12-20",
            "2024-12-25", "2024-12-31");

    public static final List<Plan.Task> TASKS = List.of(
            new Plan.Task("1", "Tổ chức tiêm chủng thường xuyên tại trạm y tế", COMMUNE, List.of("10814", "10815")),
            new Plan.Task("2", "Truyền thông về lợi ích của tiêm chủng", DISTRICT, List.of()));

    public static final Plan.Programme PROGRAMME_OF_PLAN = new Plan.Programme(PROGRAMME,
            "Báo cáo kết quả tiêm chủng mở rộng", "QUARTERLY", List.of("TE01", "TE02", "TE03"),
            List.of(VACCINATED, COVERAGE, SESSIONS), List.of("results", "proposals"),
            Map.of("COMMUNE", "P3D", "DISTRICT", "P6D"), List.of(Q1, Q2, Q3, Q4));

    private Fixtures() {
    }

    public static Plan plan() {
        return plan(PLAN_ID, "2625/KH-UBND", "Kế hoạch tiêm chủng mở rộng năm 2024", List.of(), PROGRAMME_OF_PLAN);
    }

    public static Plan plan(String id, String number, String title, List<String> basis, Plan.Programme programme) {
        return new Plan(id, "ISSUED", 1, number, title, PROVINCE, LocalDate.of(2024, 1, 5), basis, 2024, 2025,
                List.of(new Plan.Target("TE01", 2024, "AT_LEAST", new BigDecimal("2000"), null),
                        new Plan.Target("TE02", 2024, "RANGE", new BigDecimal("90"), new BigDecimal("95")),
                        new Plan.Target("TE01", 2025, "AT_LEAST", new BigDecimal("2200"), null),
                        new Plan.Target("TE02", 2025, "AT_LEAST", new BigDecimal("95"), null)),
                TASKS, programme, List.of(COMMUNE, "10814", "10815"), Instant.parse("2024-01-05T02:00:00Z"), null);
    }

    public static Plan.Period period(String id, String from, String to, String commune, String district,
                                     String province, String ministry) {
        Map<String, LocalDate> deadlines = new LinkedHashMap<>();
        deadlines.put("COMMUNE", LocalDate.parse(commune));
        deadlines.put("DISTRICT", LocalDate.parse(district));
        deadlines.put("PROVINCE", LocalDate.parse(province));
        deadlines.put("MINISTRY", LocalDate.parse(ministry));
        return new Plan.Period(id, LocalDate.parse(from), LocalDate.parse(to), deadlines);
    }

    /** The commune's obligation for a period. */
    public static Obligation obligation(Plan.Period period, String status, String reportId) {
        return obligation(COMMUNE, DISTRICT, period, status, reportId);
    }

    public static Obligation obligation(String unit, String parent, Plan.Period period, String status,
                                        String reportId) {
        LocalDate deadline = period.deadlines().get("COMMUNE");
        return new Obligation("O-" + unit + "-" + period.id(), PLAN_ID, PROGRAMME, period.id(), unit, "COMMUNE",
                parent, deadline, deadline.atTime(17, 0).atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toInstant(),
                status, reportId, null, "OVERDUE".equals(status) ? Instant.parse("2024-09-17T10:00:00Z") : null);
    }

    public static Value count(String value) {
        return new Value(new BigDecimal(value), null, null);
    }

    public static Value ratio(String numerator, String denominator) {
        return new Value(null, new BigDecimal(numerator), new BigDecimal(denominator));
    }

    /** The commune's report for a period, one version, with these values and a status. */
    public static Report report(String reportId, Plan.Period period, String status, Map<String, Value> values) {
        return report(reportId, COMMUNE, period, status, values, Instant.parse("2024-12-02T03:00:00Z"));
    }

    public static Report report(String reportId, String unit, Plan.Period period, String status,
                                Map<String, Value> values, Instant submittedAt) {
        List<TaskProgress> tasks = List.of(new TaskProgress("1", "DONE", "Đã tổ chức 3 đợt tiêm"));
        Map<String, String> narrative = Map.of("results", "Hoàn thành kế hoạch quý.");
        return new Report(reportId, unit, DISTRICT, PROGRAMME, period.id(), PLAN_ID, "O-" + unit + "-" + period.id(),
                false, submittedAt, 1, "nguyen.van.a", submittedAt, values, tasks, narrative,
                List.of(new Report.Version(1, "nguyen.van.a", submittedAt, values, tasks, narrative)), status,
                List.of(), List.of());
    }

    public static Unit unit(String code, String name, String level, String parent) {
        return new Unit(code, name, level, level, parent, null, LocalDate.of(2020, 1, 1), null);
    }
}
