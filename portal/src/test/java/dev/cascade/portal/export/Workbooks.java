package dev.cascade.portal.export;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a written workbook back with fastexcel-reader, cell formats included. */
final class Workbooks {

    /** The first sheet's name and its rows by 0-based row index. */
    record Read(String sheet, Map<Integer, Row> rows) {

        Row row(int index) {
            Row row = rows.get(index);
            assertThat(row).as("row %d", index).isNotNull();
            return row;
        }

        /** The index of the first row whose first cell is this text. */
        int find(String first) {
            return rows.entrySet().stream().filter(e -> first.equals(text(e.getValue(), 0))).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new AssertionError("no row starting with " + first));
        }
    }

    private Workbooks() {
    }

    static Read read(byte[] xlsx) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx),
                new ReadingOptions(true, false))) {
            var sheet = workbook.getFirstSheet();
            List<Row> rows = sheet.read();
            Map<Integer, Row> byIndex = new TreeMap<>();
            rows.forEach(r -> byIndex.put(r.getRowNum() - 1, r));
            return new Read(sheet.getName(), byIndex);
        }
    }

    static String text(Row row, int column) {
        Optional<Cell> cell = row.getOptionalCell(column);
        return cell.filter(c -> c.getType() == CellType.STRING).map(Cell::asString).orElse(null);
    }

    /** A cell that holds a number (not a text that looks like one), with its number format. */
    static void assertNumber(Row row, int column, String expected, String format) {
        Cell cell = row.getOptionalCell(column).orElseThrow(() -> new AssertionError("no cell " + column + " in " + row));
        assertThat(cell.getType()).as("type of %s", cell.getAddress()).isEqualTo(CellType.NUMBER);
        assertThat(cell.asNumber()).as("value of %s", cell.getAddress()).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(cell.getDataFormatString()).as("format of %s", cell.getAddress()).isEqualTo(format);
    }

    static void assertBlank(Row row, int column) {
        assertThat(row.getOptionalCell(column).map(Cell::getType).orElse(CellType.EMPTY))
                .as("cell %d of %s", column, row).isEqualTo(CellType.EMPTY);
    }
}
