package dev.cascade.portal.export;

import dev.cascade.portal.api.Aggregate;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Unit;
import dev.cascade.portal.rollup.RollupView;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The roll-up of one unit as an Excel workbook in the shape of a reporting form: title rows, one row per child unit
 * with its completeness and figures, and a "Tổng cộng" row with the unit's own aggregate (not a sum of the rows: a
 * ratio is a ratio of sums, and the aggregate already has the exact figures).
 *
 * <p>The workbook streams: rows go to the output every {@value Sheets#FLUSH_EVERY} rows and unit names are written
 * inline, so the ministry's export of every commune takes little memory.
 */
public final class RollupWorkbook {

    static final String SHEET = "Tổng hợp";
    static final String RESTATED = "Số liệu quy đổi theo đơn vị hành chính sau sắp xếp";
    static final String APPROXIMATE = "; có đơn vị sáp nhập một phần nên chỉ là gần đúng";
    static final String TOTAL = "Tổng cộng";
    static final List<String> FIXED_HEADERS = List.of("STT", "Mã đơn vị", "Tên đơn vị", "Đã nhận", "Dự kiến",
            "Đúng hạn", "Muộn", "Chưa gửi");

    /** Column of the first indicator. */
    static final int FIRST_INDICATOR = FIXED_HEADERS.size();

    private static final String MISSING_FILL = "FCE4D6";
    private static final String TOTAL_FILL = "F2F2F2";
    private static final double INDICATOR_WIDTH = 18;

    private RollupWorkbook() {
    }

    /** Writes the roll-up to {@code out}, which it leaves open. */
    public static void write(RollupView view, OutputStream out) throws IOException {
        Plan.Programme programme = view.plan().programme();
        List<Plan.Indicator> indicators = programme.dataForm() == null ? List.of() : programme.dataForm();
        Aggregate aggregate = view.aggregate();
        List<RollupView.Row> rows = view.rows() == null ? List.of() : view.rows();

        Workbook workbook = new Workbook(out, Sheets.APPLICATION, Sheets.APPLICATION_VERSION);
        Worksheet sheet = workbook.newWorksheet(SHEET);

        // the title block
        int row = 0;
        Sheets.title(sheet, row++, programme.title(), 14);
        Sheets.title(sheet, row++, "Đơn vị: " + unitName(view) + " (" + unitCode(view) + ")", 11);
        Sheets.text(sheet, row++, "Kỳ báo cáo: " + periodId(view));
        if (aggregate != null && aggregate.asOf() != null) {
            Sheets.text(sheet, row++, "Số liệu tính đến: " + Sheets.dateTime(aggregate.asOf()));
        }
        if (view.restate()) {
            Sheets.text(sheet, row++, RESTATED + (aggregate != null && aggregate.approximate() ? APPROXIMATE : ""));
        }
        row++;

        // widths and frozen panes go out with the first flush: set them before any
        int longestName = rows.stream().map(RollupView.Row::unit)
                .mapToInt(u -> u == null || u.name() == null ? 0 : u.name().length()).max().orElse(0);
        sheet.width(0, 6);
        sheet.width(1, 12);
        sheet.width(2, Math.max(24, Math.min(50, longestName + 2)));
        for (int column = 3; column < FIRST_INDICATOR; column++) {
            sheet.width(column, 10);
        }
        int longestHeading = 0;
        for (int i = 0; i < indicators.size(); i++) {
            sheet.width(FIRST_INDICATOR + i, INDICATOR_WIDTH);
            longestHeading = Math.max(longestHeading, Sheets.heading(indicators.get(i)).length());
        }

        int header = row++;
        for (int column = 0; column < FIXED_HEADERS.size(); column++) {
            Sheets.header(sheet, header, column, FIXED_HEADERS.get(column));
        }
        for (int i = 0; i < indicators.size(); i++) {
            Sheets.header(sheet, header, FIRST_INDICATOR + i, Sheets.heading(indicators.get(i)));
        }
        sheet.rowHeight(header, Sheets.headerHeight(longestHeading, INDICATOR_WIDTH));
        sheet.freezePane(3, header + 1);

        // one row per child unit, in the given order
        int number = 0;
        for (RollupView.Row line : rows) {
            number++;
            String fill = line.missing() ? MISSING_FILL : null;
            Unit unit = line.unit();
            Aggregate.Child child = line.child();
            Sheets.number(sheet, row, 0, number, Sheets.COUNT, false, fill);
            Sheets.inline(sheet, row, 1, unit == null ? null : unit.code(), false, fill);
            Sheets.inline(sheet, row, 2, unit == null ? null : unit.name(), false, fill);
            completeness(sheet, row, child == null ? null : child.completeness(), false, fill);
            figures(sheet, row, indicators, child == null ? null : child.values(), false, fill);
            row++;
            if (number % Sheets.FLUSH_EVERY == 0) {
                sheet.flush();
            }
        }

        // the unit's own aggregate
        Sheets.cell(sheet, row, 0, TOTAL, true, TOTAL_FILL, false);
        Sheets.cell(sheet, row, 1, null, true, TOTAL_FILL, false);
        Sheets.cell(sheet, row, 2, null, true, TOTAL_FILL, false);
        sheet.range(row, 0, row, 2).merge();
        completeness(sheet, row, aggregate == null ? null : aggregate.completeness(), true, TOTAL_FILL);
        figures(sheet, row, indicators, aggregate == null ? null : aggregate.values(), true, TOTAL_FILL);

        workbook.finish();
    }

    private static void completeness(Worksheet sheet, int row, Aggregate.Completeness completeness, boolean bold,
                                     String fill) {
        boolean none = completeness == null;
        Sheets.number(sheet, row, 3, none ? null : completeness.received(), Sheets.COUNT, bold, fill);
        Sheets.number(sheet, row, 4, none ? null : completeness.expected(), Sheets.COUNT, bold, fill);
        Sheets.number(sheet, row, 5, none ? null : completeness.onTime(), Sheets.COUNT, bold, fill);
        Sheets.number(sheet, row, 6, none ? null : completeness.late(), Sheets.COUNT, bold, fill);
        Sheets.number(sheet, row, 7, none ? null : completeness.missing(), Sheets.COUNT, bold, fill);
    }

    private static void figures(Worksheet sheet, int row, List<Plan.Indicator> indicators,
                                Map<String, Aggregate.Figure> values, boolean bold, String fill) {
        for (int i = 0; i < indicators.size(); i++) {
            Plan.Indicator indicator = indicators.get(i);
            Aggregate.Figure figure = values == null ? null : values.get(indicator.code());
            BigDecimal value = figure == null ? null : figure.value();
            Sheets.number(sheet, row, FIRST_INDICATOR + i, value, Sheets.format(indicator), bold, fill);
        }
    }

    private static String unitName(RollupView view) {
        Unit unit = view.unit();
        return unit != null && unit.name() != null ? unit.name() : unitCode(view);
    }

    private static String unitCode(RollupView view) {
        if (view.unit() != null && view.unit().code() != null) {
            return view.unit().code();
        }
        return view.aggregate() == null ? "" : view.aggregate().unitCode();
    }

    private static String periodId(RollupView view) {
        if (view.period() != null && view.period().id() != null) {
            return view.period().id();
        }
        return view.aggregate() == null ? "" : view.aggregate().period();
    }
}
