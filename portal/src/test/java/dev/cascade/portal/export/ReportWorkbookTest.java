package dev.cascade.portal.export;

import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.TaskProgress;
import dev.cascade.portal.api.Value;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.COVERAGE;
import static dev.cascade.portal.Fixtures.SESSIONS;
import static dev.cascade.portal.Fixtures.VACCINATED;
import static dev.cascade.portal.export.Workbooks.assertBlank;
import static dev.cascade.portal.export.Workbooks.assertNumber;
import static dev.cascade.portal.export.Workbooks.text;
import static org.assertj.core.api.Assertions.assertThat;

class ReportWorkbookTest {

    @Test
    void writesAUnitsReportWithItsFiguresTasksAndNarrative() throws IOException {
        Map<String, String> narrative = new LinkedHashMap<>();
        narrative.put("proposals", "Đề nghị cấp bổ sung 200 liều vắc xin sởi.");
        narrative.put("results", "Hoàn thành kế hoạch quý I.");
        narrative.put("difficulties", " ");
        Report report = new Report("R-1", "00499", "017", "TE-2025", "2025-Q1", "KH-01", "O-1", false,
                Instant.parse("2025-04-03T02:00:00Z"), 2, "nguyen.van.a", Instant.parse("2025-04-05T01:30:00Z"),
                Map.of("TE01", new Value(new BigDecimal("1250"), null, null),
                        // 25 × 100 / 800 = 3.125: half up gives 3.13 (half even would give 3.12)
                        "TE02", new Value(null, new BigDecimal("25"), new BigDecimal("800"))),
                List.of(new TaskProgress("1", "DONE", "Đã tổ chức 3 đợt tiêm"),
                        new TaskProgress("2", "IN_PROGRESS", "Đang phát tờ rơi tại các thôn")),
                narrative, List.of(), "SUBMITTED", List.of(), List.of());

        Workbooks.Read read = Workbooks.read(write(report, plan(), "Xã Bắc Hồng"));

        assertThat(read.sheet()).isEqualTo("Báo cáo");
        assertThat(text(read.row(0), 0)).isEqualTo("Chế độ báo cáo kết quả tiêm chủng mở rộng năm 2025");
        assertThat(text(read.row(1), 0)).isEqualTo("Đơn vị: Xã Bắc Hồng (00499)");
        assertThat(text(read.row(2), 0)).isEqualTo("Kỳ báo cáo: 2025-Q1");
        assertThat(text(read.row(3), 0)).isEqualTo("Phiên bản: 2");
        assertThat(text(read.row(4), 0)).isEqualTo("Thời điểm gửi: 05/04/2025 08:30");
        assertThat(text(read.row(5), 0)).isEqualTo("Trạng thái: Chờ thẩm định");

        int header = read.find("Mã chỉ tiêu");
        assertThat(header).isEqualTo(7);
        List<String> headings = new ArrayList<>();
        for (int column = 0; column < 7; column++) {
            headings.add(text(read.row(header), column));
        }
        assertThat(headings).containsExactly("Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Giá trị", "Tử số", "Mẫu số",
                "Tỷ lệ (%)");

        Row count = read.row(header + 1);
        assertThat(text(count, 0)).isEqualTo("TE01");
        assertThat(text(count, 1)).isEqualTo("Số trẻ em được tiêm chủng đầy đủ");
        assertThat(text(count, 2)).isEqualTo("trẻ");
        assertNumber(count, 3, "1250", "#,##0");
        assertBlank(count, 4);
        assertBlank(count, 5);
        assertBlank(count, 6);

        Row ratio = read.row(header + 2);
        assertThat(text(ratio, 0)).isEqualTo("TE02");
        assertThat(text(ratio, 1)).isEqualTo("Tỷ lệ trẻ em được tiêm chủng đầy đủ");
        assertThat(text(ratio, 2)).isEqualTo("%");
        assertBlank(ratio, 3);
        assertNumber(ratio, 4, "25", "#,##0");
        assertNumber(ratio, 5, "800", "#,##0");
        assertNumber(ratio, 6, "3.13", "#,##0.00");

        Row unreported = read.row(header + 3);
        assertThat(text(unreported, 0)).isEqualTo("TE03");
        assertThat(text(unreported, 2)).isEqualTo("buổi");
        for (int column = 3; column < 7; column++) {
            assertBlank(unreported, column);
        }

        int tasks = read.find("Tiến độ thực hiện nhiệm vụ");
        assertThat(tasks).isEqualTo(header + 5);
        Row taskHeader = read.row(tasks + 1);
        assertThat(List.of(text(taskHeader, 0), text(taskHeader, 1), text(taskHeader, 2), text(taskHeader, 3)))
                .containsExactly("Nhiệm vụ", "Tên nhiệm vụ", "Tình trạng", "Kết quả, ghi chú");
        Row task1 = read.row(tasks + 2);
        assertThat(List.of(text(task1, 0), text(task1, 1), text(task1, 2), text(task1, 3))).containsExactly("1",
                "Tổ chức tiêm chủng thường xuyên tại trạm y tế xã", "Hoàn thành", "Đã tổ chức 3 đợt tiêm");
        Row task2 = read.row(tasks + 3);
        assertThat(List.of(text(task2, 0), text(task2, 1), text(task2, 2), text(task2, 3))).containsExactly("2",
                "Truyền thông về lợi ích của tiêm chủng", "Đang thực hiện", "Đang phát tờ rơi tại các thôn");

        int sections = read.find("Nội dung báo cáo");
        assertThat(sections).isEqualTo(tasks + 5);
        Row sectionHeader = read.row(sections + 1);
        assertThat(text(sectionHeader, 0)).isEqualTo("Mục");
        assertThat(text(sectionHeader, 2)).isEqualTo("Nội dung");
        // in the order of the programme's outline; a blank section left out
        Row results = read.row(sections + 2);
        assertThat(text(results, 0)).isEqualTo("Kết quả đạt được");
        assertThat(text(results, 2)).isEqualTo("Hoàn thành kế hoạch quý I.");
        Row proposals = read.row(sections + 3);
        assertThat(text(proposals, 0)).isEqualTo("Kiến nghị, đề xuất");
        assertThat(text(proposals, 2)).isEqualTo("Đề nghị cấp bổ sung 200 liều vắc xin sởi.");
        assertThat(read.rows().keySet()).allMatch(index -> index <= sections + 3);
    }

    @Test
    void aLateReturnedReportWithoutTasksOrNarrative() throws IOException {
        Report report = new Report("R-2", "00500", "017", "TE-2025", "2025-Q1", "KH-01", "O-2", true,
                Instant.parse("2025-04-08T09:00:00Z"), 1, "tran.thi.b", Instant.parse("2025-04-08T09:00:00Z"),
                Map.of("TE02", new Value(null, new BigDecimal("2"), new BigDecimal("3"))), List.of(), Map.of(),
                List.of(), "RETURNED", List.of(), List.of());

        Workbooks.Read read = Workbooks.read(write(report, plan(), "Xã Nam Hồng"));

        assertThat(text(read.row(4), 0)).isEqualTo("Thời điểm gửi: 08/04/2025 16:00");
        assertThat(text(read.row(5), 0)).isEqualTo("Trạng thái: Bị trả lại (nộp sau hạn)");
        int header = read.find("Mã chỉ tiêu");
        assertNumber(read.row(header + 2), 6, "66.67", "#,##0.00");
        assertThat(read.rows().values()).noneMatch(r -> "Tiến độ thực hiện nhiệm vụ".equals(text(r, 0))
                || "Nội dung báo cáo".equals(text(r, 0)));
        assertThat(read.rows().keySet()).allMatch(index -> index <= header + 3);
    }

    @Test
    void thePercentageOfARatio() {
        assertThat(ReportWorkbook.percent(new Value(null, new BigDecimal("1"), new BigDecimal("8"))))
                .isEqualByComparingTo("12.50");
        assertThat(ReportWorkbook.percent(new Value(null, new BigDecimal("1"), new BigDecimal("0")))).isNull();
        assertThat(ReportWorkbook.percent(new Value(null, null, new BigDecimal("8")))).isNull();
    }

    private static byte[] write(Report report, Plan plan, String unitName) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWorkbook.write(report, plan, unitName, out);
        return out.toByteArray();
    }

    private static Plan plan() {
        Plan.Period q1 = new Plan.Period("2025-Q1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31), Map.of());
        return WorkbookPlan.of(q1, VACCINATED, COVERAGE, SESSIONS);
    }
}
