package dev.cascade.plan.unit.domain;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        String csv = "\uFEFFcode,name,note\r\n"
                + "01,\"Hà Nội, Thủ đô\",\"he said \"\"hi\"\"\"\r\n"
                + "02,\"two\r\nlines\",\r\n"
                + "03,plain,last";
        CsvTable table = CsvTable.read(new StringReader(csv));

        assertThat(table.header()).containsExactly("code", "name", "note");
        List<Map<String, String>> rows = table.rows();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("name", "Hà Nội, Thủ đô").containsEntry("note", "he said \"hi\"");
        assertThat(rows.get(1)).containsEntry("name", "two\r\nlines").containsEntry("note", "");
        assertThat(rows.get(2)).containsEntry("code", "03").containsEntry("note", "last");
    }

    @Test
    void refusesARowWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b\n1,2,3\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void refusesAnUnterminatedQuote() {
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b\n1,\"2\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quoted");
    }
}
