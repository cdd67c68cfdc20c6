package dev.cascade.portal.export;

import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.TaskProgress;
import dev.cascade.portal.api.Value;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit's report as an Excel workbook: title rows, a table of the data form's indicators (a ratio with its
 * numerator, denominator and percentage), the progress on the plan's tasks and the narrative sections.
 */
public final class ReportWorkbook {

    static final String SHEET = "Báo cáo";
    static final List<String> INDICATOR_HEADERS = List.of("Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Giá trị",
            "Tử số", "Mẫu số", "Tỷ lệ (%)");
    static final String TASKS = "Tiến độ thực hiện nhiệm vụ";
    static final List<String> TASK_HEADERS = List.of("Nhiệm vụ", "Tên nhiệm vụ", "Tình trạng", "Kết quả, ghi chú");
    static final String NARRATIVE = "Nội dung báo cáo";
    static final List<String> NARRATIVE_HEADERS = List.of("Mục", "Nội dung");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final double[] WIDTHS = {14, 45, 16, 14, 14, 14, 12};
    private static final int LAST = WIDTHS.length - 1;
    /** Task text spans columns 3 to the last, narrative text 2 to the last. */
    private static final double TASK_TEXT_WIDTH = WIDTHS[3] + WIDTHS[4] + WIDTHS[5] + WIDTHS[6];
    private static final double NARRATIVE_TEXT_WIDTH = WIDTHS[2] + TASK_TEXT_WIDTH;

    private ReportWorkbook() {
    }

    /** Writes the report (its latest version) to {@code out}, which it leaves open. */
    public static void write(Report report, Plan plan, String unitName, OutputStream out) throws IOException {
        Plan.Programme programme = plan == null ? null : plan.programme();
        List<Plan.Indicator> indicators = programme == null || programme.dataForm() == null ? List.of()
                : programme.dataForm();
        Map<String, Value> values = report.values() == null ? Map.of() : report.values();

        Workbook workbook = new Workbook(out, Sheets.APPLICATION, Sheets.APPLICATION_VERSION);
        Worksheet sheet = workbook.newWorksheet(SHEET);
        for (int column = 0; column < WIDTHS.length; column++) {
            sheet.width(column, WIDTHS[column]);
        }

        int row = 0;
        Sheets.title(sheet, row++, programme == null || programme.title() == null ? report.programme()
                : programme.title(), 14);
        String name = unitName == null || unitName.isBlank() ? report.unitCode() : unitName;
        Sheets.title(sheet, row++, "Đơn vị: " + name + " (" + report.unitCode() + ")", 11);
        Sheets.text(sheet, row++, "Kỳ báo cáo: " + report.period());
        Sheets.text(sheet, row++, "Phiên bản: " + report.version());
        if (report.submittedAt() != null) {
            Sheets.text(sheet, row++, "Thời điểm gửi: " + Sheets.dateTime(report.submittedAt()));
        }
        Sheets.text(sheet, row++, "Trạng thái: " + Sheets.reportStatus(report.status())
                + (report.late() ? " (nộp sau hạn)" : ""));
        row++;

        // the data form
        int header = row++;
        for (int column = 0; column < INDICATOR_HEADERS.size(); column++) {
            Sheets.header(sheet, header, column, INDICATOR_HEADERS.get(column));
        }
        sheet.freezePane(0, header + 1);
        for (Plan.Indicator indicator : indicators) {
            Value value = values.get(indicator.code());
            String indicatorName = indicator.name() == null ? indicator.code() : indicator.name();
            Sheets.cell(sheet, row, 0, indicator.code(), false, null, false);
            Sheets.cell(sheet, row, 1, indicatorName, false, null, true);
            Sheets.cell(sheet, row, 2, indicator.ratio() ? "%" : indicator.unitOfMeasure(), false, null, false);
            boolean ratio = indicator.ratio();
            Sheets.number(sheet, row, 3, value == null || ratio ? null : value.value(), Sheets.COUNT, false, null);
            Sheets.number(sheet, row, 4, value == null || !ratio ? null : value.numerator(), Sheets.COUNT, false, null);
            Sheets.number(sheet, row, 5, value == null || !ratio ? null : value.denominator(), Sheets.COUNT, false,
                    null);
            Sheets.number(sheet, row, 6, value == null || !ratio ? null : percent(value), Sheets.DECIMAL, false, null);
            sheet.rowHeight(row, Sheets.height(Sheets.lines(indicatorName, WIDTHS[1])));
            row++;
        }

        // progress on the plan's tasks
        List<TaskProgress> tasks = report.tasks() == null ? List.of() : report.tasks();
        if (!tasks.isEmpty()) {
            row++;
            Sheets.title(sheet, row++, TASKS, 11);
            int taskHeader = row++;
            for (int column = 0; column < 3; column++) {
                Sheets.header(sheet, taskHeader, column, TASK_HEADERS.get(column));
            }
            Sheets.header(sheet, taskHeader, 3, TASK_HEADERS.get(3));
            for (int column = 4; column <= LAST; column++) {
                Sheets.header(sheet, taskHeader, column, null);
            }
            sheet.range(taskHeader, 3, taskHeader, LAST).merge();
            for (TaskProgress task : tasks) {
                String title = taskTitle(plan, task.task());
                Sheets.cell(sheet, row, 0, task.task(), false, null, false);
                Sheets.cell(sheet, row, 1, title, false, null, true);
                Sheets.cell(sheet, row, 2, Sheets.taskStatus(task.status()), false, null, true);
                Sheets.merged(sheet, row, 3, LAST, task.text(), false, null, true);
                sheet.rowHeight(row, Sheets.height(Math.max(Sheets.lines(title, WIDTHS[1]),
                        Sheets.lines(task.text(), TASK_TEXT_WIDTH))));
                row++;
            }
        }

        // the narrative, in the order of the programme's outline
        Map<String, String> narrative = narrative(report.narrative(), programme == null ? null : programme.outline());
        if (!narrative.isEmpty()) {
            row++;
            Sheets.title(sheet, row++, NARRATIVE, 11);
            int narrativeHeader = row++;
            Sheets.header(sheet, narrativeHeader, 0, NARRATIVE_HEADERS.get(0));
            Sheets.header(sheet, narrativeHeader, 1, null);
            sheet.range(narrativeHeader, 0, narrativeHeader, 1).merge();
            Sheets.header(sheet, narrativeHeader, 2, NARRATIVE_HEADERS.get(1));
            for (int column = 3; column <= LAST; column++) {
                Sheets.header(sheet, narrativeHeader, column, null);
            }
            sheet.range(narrativeHeader, 2, narrativeHeader, LAST).merge();
            for (Map.Entry<String, String> section : narrative.entrySet()) {
                Sheets.merged(sheet, row, 0, 1, Sheets.section(section.getKey()), true, null, true);
                Sheets.merged(sheet, row, 2, LAST, section.getValue(), false, null, true);
                sheet.rowHeight(row, Sheets.height(Sheets.lines(section.getValue(), NARRATIVE_TEXT_WIDTH)));
                row++;
            }
        }

        workbook.finish();
    }

    /** A ratio's percentage, numerator × 100 / denominator to two decimals (half up); null without a denominator. */
    static BigDecimal percent(Value value) {
        if (value.numerator() == null || value.denominator() == null || value.denominator().signum() == 0) {
            return null;
        }
        return value.numerator().multiply(HUNDRED).divide(value.denominator(), 2, RoundingMode.HALF_UP);
    }

    private static String taskTitle(Plan plan, String number) {
        if (plan == null || plan.tasks() == null || number == null) {
            return null;
        }
        return plan.tasks().stream().filter(t -> number.equals(t.number())).map(Plan.Task::title).findFirst()
                .orElse(null);
    }

    /** The sections with text, those of the outline first in its order, then any other. */
    private static Map<String, String> narrative(Map<String, String> narrative, List<String> outline) {
        Map<String, String> ordered = new LinkedHashMap<>();
        if (narrative == null) {
            return ordered;
        }
        List<String> order = new ArrayList<>(outline == null ? List.of() : outline);
        narrative.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (String section : order) {
            String text = narrative.get(section);
            if (text != null && !text.isBlank()) {
                ordered.put(section, text);
            }
        }
        return ordered;
    }
}
