package dev.cascade.plan.unit.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header row (RFC 4180): comma separated, fields optionally quoted with {@code "}, a quote inside a
 * quoted field doubled, line breaks CRLF or LF (also inside quoted fields), an optional UTF-8 byte-order mark.
 */
public final class CsvTable {

    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    public static CsvTable read(Reader reader) {
        List<List<String>> records = parse(reader.markSupported() ? reader : new BufferedReader(reader));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("CSV has no header row");
        }
        List<String> header = records.get(0);
        List<List<String>> rows = records.subList(1, records.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IllegalArgumentException("CSV line " + (i + 2) + " has " + rows.get(i).size()
                        + " fields, the header has " + header.size());
            }
        }
        return new CsvTable(header, rows);
    }

    public List<String> header() {
        return header;
    }

    /** Every data row as column name to value. */
    public List<Map<String, String>> rows() {
        List<Map<String, String>> result = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            Map<String, String> named = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                named.put(header.get(c), row.get(c));
            }
            result.add(named);
        }
        return result;
    }

    /** A column's value of a row, failing clearly when the column does not exist. */
    public static String column(Map<String, String> row, String name) {
        String value = row.get(name);
        if (value == null && !row.containsKey(name)) {
            throw new IllegalArgumentException("CSV has no column " + name + ": " + row.keySet());
        }
        return value;
    }

    private static List<List<String>> parse(Reader reader) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        boolean first = true;
        try {
            int ch;
            while ((ch = reader.read()) != -1) {
                if (first) {
                    first = false;
                    if (ch == '\uFEFF') {
                        continue;
                    }
                }
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int next = reader.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next == -1) {
                                break;
                            }
                            reader.reset();
                        }
                    } else {
                        field.append((char) ch);
                    }
                } else if (ch == '"' && field.isEmpty()) {
                    quoted = true;
                    fieldStarted = true;
                } else if (ch == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                } else if (ch == '\r' || ch == '\n') {
                    if (ch == '\r') {
                        reader.mark(1);
                        if (reader.read() != '\n') {
                            reader.reset();
                        }
                    }
                    if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
                        record.add(field.toString());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                } else {
                    field.append((char) ch);
                    fieldStarted = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (quoted) {
            throw new IllegalArgumentException("CSV ends inside a quoted field");
        }
        if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
