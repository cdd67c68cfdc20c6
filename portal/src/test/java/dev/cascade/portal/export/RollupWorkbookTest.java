package dev.cascade.portal.export;

import dev.cascade.portal.api.Aggregate;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Unit;
import dev.cascade.portal.rollup.RollupView;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.COVERAGE;
import static dev.cascade.portal.Fixtures.VACCINATED;
import static dev.cascade.portal.export.Workbooks.assertBlank;
import static dev.cascade.portal.export.Workbooks.assertNumber;
import static dev.cascade.portal.export.Workbooks.text;
import static org.assertj.core.api.Assertions.assertThat;

class RollupWorkbookTest {

    static final Plan.Period Q1 = new Plan.Period("2025-Q1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31),
            Map.of("COMMUNE", LocalDate.of(2025, 4, 5)));
    static final Plan PLAN = WorkbookPlan.of(Q1, VACCINATED, COVERAGE);
    static final Unit DISTRICT = unit("017", "Huyện Đông Anh", "DISTRICT", "01");

    @Test
    void writesTheRollUpOfADistrictAsAReportingForm() throws IOException {
        Aggregate.Child bacHong = new Aggregate.Child("00499", "REPORT", 1, Map.of(
                "TE01", figure("SUM", "120", null, null), "TE02", figure("RATIO_OF_SUMS", "92.31", "120", "130")),
                new Aggregate.Completeness(1, 1, 1, 0));
        Aggregate.Child namHong = new Aggregate.Child("00500", "REPORT", 2, Map.of(
                "TE01", figure("SUM", "1095", null, null), "TE02", figure("RATIO_OF_SUMS", "95.00", "95", "100")),
                new Aggregate.Completeness(1, 1, 0, 1));
        // the unit's own figures: 1,215 children and 215 / 230 = 93.48 % (not 92.31 + 95.00, nor their mean)
        Aggregate aggregate = new Aggregate("TE-2025", "2025-Q1", "017", "DISTRICT", "01", 7,
                Instant.parse("2025-04-10T03:15:00Z"),
                Map.of("TE01", figure("SUM", "1215", null, null),
                        "TE02", figure("RATIO_OF_SUMS", "93.48", "215", "230")),
                new Aggregate.Completeness(3, 2, 1, 1), List.of(), List.of(bacHong, namHong), false, false, List.of());
        List<RollupView.Row> rows = List.of(
                new RollupView.Row(unit("00499", "Xã Bắc Hồng", "COMMUNE", "017"), bacHong, false),
                new RollupView.Row(unit("00500", "Xã Nam Hồng", "COMMUNE", "017"), namHong, false),
                new RollupView.Row(unit("00501", "Xã Vân Nội", "COMMUNE", "017"), null, true));
        RollupView view = new RollupView(PLAN, Q1, DISTRICT, List.of(DISTRICT), aggregate, null, rows, false, true);

        Workbooks.Read read = Workbooks.read(write(view));

        assertThat(read.sheet()).isEqualTo("Tổng hợp");
        assertThat(text(read.row(0), 0)).isEqualTo("Chế độ báo cáo kết quả tiêm chủng mở rộng năm 2025");
        assertThat(text(read.row(1), 0)).isEqualTo("Đơn vị: Huyện Đông Anh (017)");
        assertThat(text(read.row(2), 0)).isEqualTo("Kỳ báo cáo: 2025-Q1");
        assertThat(text(read.row(3), 0)).isEqualTo("Số liệu tính đến: 10/04/2025 10:15"); // 03:15 UTC in Hà Nội
        assertThat(read.rows().values()).noneMatch(r -> "Số liệu quy đổi theo đơn vị hành chính sau sắp xếp"
                .equals(text(r, 0)));

        int header = read.find("STT");
        assertThat(header).isEqualTo(5);
        Row headings = read.row(header);
        assertThat(headings.getCellCount()).isEqualTo(10);
        List<String> texts = new ArrayList<>();
        for (int column = 0; column < 10; column++) {
            texts.add(text(headings, column));
        }
        assertThat(texts).containsExactly("STT", "Mã đơn vị", "Tên đơn vị", "Đã nhận", "Dự kiến", "Đúng hạn", "Muộn",
                "Chưa gửi", "Số trẻ em được tiêm chủng đầy đủ (trẻ)", "Tỷ lệ trẻ em được tiêm chủng đầy đủ (%)");

        Row first = read.row(header + 1);
        assertUnit(first, "1", "00499", "Xã Bắc Hồng");
        assertCounts(first, "1", "1", "1", "0", "0");
        assertFigures(first, "120", "92.31");

        Row second = read.row(header + 2);
        assertUnit(second, "2", "00500", "Xã Nam Hồng");
        assertCounts(second, "1", "1", "0", "1", "0");
        assertFigures(second, "1095", "95");

        Row silent = read.row(header + 3);
        assertUnit(silent, "3", "00501", "Xã Vân Nội");
        for (int column = 3; column < 10; column++) {
            assertBlank(silent, column);
        }

        Row total = read.row(header + 4);
        assertThat(text(total, 0)).isEqualTo("Tổng cộng");
        assertCounts(total, "2", "3", "1", "1", "1");
        assertFigures(total, "1215", "93.48");
        assertThat(read.rows().keySet()).allMatch(index -> index <= header + 4);
    }

    @Test
    void marksARestatedViewAndLeavesOutAMissingTimeAndAbsentFigures() throws IOException {
        // a figure the aggregate does not have (no report gave the ratio) stays blank, in a row and in the total
        Aggregate.Child merged = new Aggregate.Child("10105", "ROLLUP", 3,
                Map.of("TE01", figure("SUM", "2E+3", null, null)), new Aggregate.Completeness(4, 3, 3, 0));
        Aggregate aggregate = new Aggregate("TE-2025", "2024-Q4", "017", "DISTRICT", "01", 2, null,
                Map.of("TE01", figure("SUM", "2000", null, null)), new Aggregate.Completeness(4, 3, 3, 0), List.of(),
                List.of(merged), true, false, List.of());
        RollupView view = new RollupView(PLAN, new Plan.Period("2024-Q4", LocalDate.of(2024, 10, 1),
                LocalDate.of(2024, 12, 31), Map.of()), DISTRICT, List.of(DISTRICT), aggregate, null,
                List.of(new RollupView.Row(unit("10105", "Xã Thư Lâm", "COMMUNE", "017"), merged, false)), true, true);

        Workbooks.Read read = Workbooks.read(write(view));

        assertThat(text(read.row(2), 0)).isEqualTo("Kỳ báo cáo: 2024-Q4");
        assertThat(text(read.row(3), 0)).isEqualTo("Số liệu quy đổi theo đơn vị hành chính sau sắp xếp");
        assertThat(read.rows().values()).noneMatch(r -> String.valueOf(text(r, 0)).startsWith("Số liệu tính đến"));
        int header = read.find("STT");
        assertThat(header).isEqualTo(5);
        Row row = read.row(header + 1);
        assertNumber(row, 4, "4", "#,##0");
        assertNumber(row, 7, "1", "#,##0");
        assertNumber(row, 8, "2000", "#,##0");
        assertBlank(row, 9);
        Row total = read.row(header + 2);
        assertThat(text(total, 0)).isEqualTo("Tổng cộng");
        assertNumber(total, 8, "2000", "#,##0");
        assertBlank(total, 9);
    }

    @Test
    void streamsTheMinistrysExportOfEveryCommune() throws IOException {
        int communes = 10_047;
        List<RollupView.Row> rows = new ArrayList<>(communes);
        for (int i = 0; i < communes; i++) {
            String code = String.format("%05d", i + 1);
            Aggregate.Child child = new Aggregate.Child(code, "REPORT", 1, Map.of(
                    "TE01", figure("SUM", String.valueOf(100 + i % 50), null, null),
                    "TE02", figure("RATIO_OF_SUMS", "90.50", "181", "200")), new Aggregate.Completeness(1, 1, 1, 0));
            rows.add(new RollupView.Row(unit(code, "Xã số " + (i + 1), "COMMUNE", "01"), child, false));
        }
        Unit ministry = unit("BYT", "Bộ Y tế", "MINISTRY", null);
        Aggregate aggregate = new Aggregate("TE-2025", "2025-Q1", "BYT", "MINISTRY", null, 99,
                Instant.parse("2025-04-10T03:15:00Z"), Map.of("TE01", figure("SUM", "1250000", null, null)),
                new Aggregate.Completeness(communes, communes, communes, 0), List.of(), List.of(), false, false,
                List.of());
        RollupView view = new RollupView(PLAN, Q1, ministry, List.of(ministry), aggregate, null, rows, false, false);

        Workbooks.Read read = Workbooks.read(write(view));

        int header = read.find("STT");
        long data = read.rows().keySet().stream().filter(index -> index > header).count();
        assertThat(data).isEqualTo(communes + 1); // and the total
        assertUnit(read.row(header + communes), "10047", "10047", "Xã số 10047");
        Row total = read.row(header + communes + 1);
        assertThat(text(total, 0)).isEqualTo("Tổng cộng");
        assertNumber(total, 4, "10047", "#,##0");
        assertNumber(total, 8, "1250000", "#,##0");
    }

    private static byte[] write(RollupView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RollupWorkbook.write(view, out);
        return out.toByteArray();
    }

    /** A unit's row begins with its number in the list, its code and its name. */
    private static void assertUnit(Row row, String number, String code, String name) {
        assertNumber(row, 0, number, "#,##0");
        assertThat(text(row, 1)).isEqualTo(code);
        assertThat(text(row, 2)).isEqualTo(name);
    }

    /** Columns 3 to 7: reports received, expected, on time, late, and units that have not sent one. */
    private static void assertCounts(Row row, String received, String expected, String onTime, String late,
                                     String missing) {
        List<String> counts = List.of(received, expected, onTime, late, missing);
        for (int i = 0; i < counts.size(); i++) {
            assertNumber(row, 3 + i, counts.get(i), "#,##0");
        }
    }

    /** Columns 8 and 9: the children vaccinated (a count) and the coverage (a percentage). */
    private static void assertFigures(Row row, String vaccinated, String coverage) {
        assertNumber(row, 8, vaccinated, "#,##0");
        assertNumber(row, 9, coverage, "#,##0.00");
    }

    static Aggregate.Figure figure(String rule, String value, String numerator, String denominator) {
        return new Aggregate.Figure(rule, new BigDecimal(value), numerator == null ? new BigDecimal(value) : null,
                numerator == null ? null : new BigDecimal(numerator),
                denominator == null ? null : new BigDecimal(denominator), 1L);
    }

    static Unit unit(String code, String name, String level, String parent) {
        return new Unit(code, name, level, "HUYEN", parent, null, LocalDate.of(2000, 1, 1), null);
    }
}
