package dev.cascade.portal.export;

import dev.cascade.portal.api.Plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The plan the workbook tests export: the ministry of health's immunisation plan of 2025 (KH-01, issued), two tasks,
 * the quarterly programme TE-2025 with the indicators of {@link dev.cascade.portal.Fixtures} the test names and one
 * period.
 */
final class WorkbookPlan {

    private WorkbookPlan() {
    }

    static Plan of(Plan.Period period, Plan.Indicator... dataForm) {
        Plan.Programme programme = new Plan.Programme("TE-2025", "Chế độ báo cáo kết quả tiêm chủng mở rộng năm 2025",
                "QUARTERLY", Arrays.stream(dataForm).map(Plan.Indicator::code).toList(), List.of(dataForm),
                List.of("results", "shortcomings", "difficulties", "proposals"), Map.of(), List.of(period));
        return new Plan("KH-01", "ISSUED", 1, "15/KH-BYT", "Kế hoạch tiêm chủng mở rộng năm 2025", "BYT",
                LocalDate.of(2025, 1, 10), List.of(), 2025, 2025, List.of(),
                List.of(new Plan.Task("1", "Tổ chức tiêm chủng thường xuyên tại trạm y tế xã", "BYT", List.of()),
                        new Plan.Task("2", "Truyền thông về lợi ích của tiêm chủng", "BYT", List.of("SYT"))),
                programme, List.of(), Instant.parse("2025-01-10T02:00:00Z"), null);
    }
}
