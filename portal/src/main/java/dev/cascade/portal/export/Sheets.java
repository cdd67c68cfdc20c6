package dev.cascade.portal.export;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.portal.api.Plan;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.Worksheet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** What both workbooks share: number formats, cell styles, dates and the Vietnamese labels of codes. */
final class Sheets {

    /** Whole numbers: counts, completeness. */
    static final String COUNT = "#,##0";
    /** Ratios (in percent) and averages. */
    static final String DECIMAL = "#,##0.00";

    static final String APPLICATION = "Cascade";
    static final String APPLICATION_VERSION = "1.0";

    /** Rows written between two flushes of a worksheet to the output. */
    static final int FLUSH_EVERY = 1000;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(CascadeTime.ZONE);

    private static final String HEADER_FILL = "D9E1F2";

    private static final Map<String, String> REPORT_STATUS = Map.of(
            "SUBMITTED", "Chờ thẩm định",
            "ACCEPTED", "Đã chấp nhận",
            "RETURNED", "Bị trả lại",
            "WITHDRAWN", "Đã rút");

    private static final Map<String, String> TASK_STATUS = Map.of(
            "NOT_STARTED", "Chưa triển khai",
            "IN_PROGRESS", "Đang thực hiện",
            "DONE", "Hoàn thành",
            "DELAYED", "Chậm tiến độ");

    private static final Map<String, String> SECTIONS = Map.of(
            "results", "Kết quả đạt được",
            "shortcomings", "Tồn tại, hạn chế và nguyên nhân",
            "difficulties", "Khó khăn, vướng mắc",
            "proposals", "Kiến nghị, đề xuất");

    private Sheets() {
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    static String reportStatus(String status) {
        return status == null ? "" : REPORT_STATUS.getOrDefault(status, status);
    }

    static String taskStatus(String status) {
        return status == null ? "" : TASK_STATUS.getOrDefault(status, status);
    }

    static String section(String section) {
        return section == null ? "" : SECTIONS.getOrDefault(section, section);
    }

    /** An indicator's column heading: its name and unit of measure, {@code (%)} for a ratio. */
    static String heading(Plan.Indicator indicator) {
        String name = indicator.name() == null || indicator.name().isBlank() ? indicator.code() : indicator.name();
        if (indicator.ratio()) {
            return name + " (%)";
        }
        String unit = indicator.unitOfMeasure();
        return unit == null || unit.isBlank() ? name : name + " (" + unit + ")";
    }

    /** The number format of an indicator's figure: two decimals for a ratio or an average, whole otherwise. */
    static String format(Plan.Indicator indicator) {
        return indicator.ratio() || "AVERAGE".equals(indicator.aggregation()) ? DECIMAL : COUNT;
    }

    /** A figure for a numeric cell: no exponent notation for a whole number with trailing zeros ({@code 1E+3}). */
    static BigDecimal plain(BigDecimal value) {
        return value != null && value.scale() < 0 ? value.setScale(0) : value;
    }

    static void title(Worksheet sheet, int row, String text, int fontSize) {
        sheet.value(row, 0, text);
        sheet.style(row, 0).bold().fontSize(fontSize).set();
    }

    static void text(Worksheet sheet, int row, String text) {
        sheet.value(row, 0, text);
    }

    static void header(Worksheet sheet, int row, int column, String text) {
        if (text != null) {
            sheet.value(row, column, text);
        }
        sheet.style(row, column).bold().fillColor(HEADER_FILL).horizontalAlignment("center").verticalAlignment("center")
                .wrapText(true).borderStyle(BorderStyle.THIN).set();
    }

    /** A number in a bordered cell with a format; an empty bordered cell when there is none. */
    static void number(Worksheet sheet, int row, int column, Number value, String format, boolean bold, String fill) {
        if (value != null) {
            sheet.value(row, column, value instanceof BigDecimal decimal ? plain(decimal) : value);
        }
        var style = sheet.style(row, column).format(format).borderStyle(BorderStyle.THIN);
        if (bold) {
            style.bold();
        }
        if (fill != null) {
            style.fillColor(fill);
        }
        style.set();
    }

    /** Text in a bordered cell. */
    static void cell(Worksheet sheet, int row, int column, String text, boolean bold, String fill, boolean wrap) {
        if (text != null && !text.isEmpty()) {
            sheet.value(row, column, text);
        }
        border(sheet, row, column, bold, fill, wrap);
    }

    /**
     * Text in a bordered cell, written inline rather than to the shared strings (which the writer keeps in memory
     * until the end), so that ten thousand unit names stream out like the numbers.
     */
    static void inline(Worksheet sheet, int row, int column, String text, boolean bold, String fill) {
        if (text != null && !text.isEmpty()) {
            sheet.inlineString(row, column, text);
        }
        border(sheet, row, column, bold, fill, false);
    }

    private static void border(Worksheet sheet, int row, int column, boolean bold, String fill, boolean wrap) {
        var style = sheet.style(row, column).borderStyle(BorderStyle.THIN).verticalAlignment("top");
        if (bold) {
            style.bold();
        }
        if (fill != null) {
            style.fillColor(fill);
        }
        if (wrap) {
            style.wrapText(true);
        }
        style.set();
    }

    /** Text across several bordered cells merged into one (the text in the first). */
    static void merged(Worksheet sheet, int row, int from, int to, String text, boolean bold, String fill,
                       boolean wrap) {
        cell(sheet, row, from, text, bold, fill, wrap);
        for (int column = from + 1; column <= to; column++) {
            cell(sheet, row, column, null, bold, fill, wrap);
        }
        sheet.range(row, from, row, to).merge();
    }

    /** How many lines a text takes wrapped in a width of that many characters. */
    static int lines(String text, double width) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int perLine = (int) Math.max(1, width - 1);
        int lines = 0;
        for (String paragraph : text.split("\\R", -1)) {
            lines += Math.max(1, (paragraph.length() + perLine - 1) / perLine);
        }
        return lines;
    }

    /** A row height for so many lines of text (at most 409 points, Excel's limit). */
    static double height(int lines) {
        return Math.min(409, 15.0 * Math.max(1, lines));
    }

    /** A row height for a header whose longest heading wraps in a column of the given width. */
    static double headerHeight(int longest, double width) {
        int lines = (int) Math.ceil(longest / Math.max(1, width - 2));
        return height(Math.min(6, lines));
    }
}
