package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;

import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * One row of an administrative unit list ({@code code,level,type,name,parent_code}). Provinces have no parent in the
 * list; their parent is the ministry.
 */
public record UnitListEntry(String code, UnitLevel level, String type, String name, String parentCode) {

    public static List<UnitListEntry> read(Reader csv) {
        return CsvTable.read(csv).rows().stream().map(UnitListEntry::of).toList();
    }

    private static UnitListEntry of(Map<String, String> row) {
        String code = CsvTable.column(row, "code").trim();
        UnitLevel level = UnitLevel.valueOf(CsvTable.column(row, "level").trim());
        String parent = CsvTable.column(row, "parent_code").trim();
        if (parent.isEmpty()) {
            if (level != UnitLevel.PROVINCE) {
                throw new IllegalArgumentException("unit " + code + " (" + level + ") has no parent");
            }
            parent = Ministry.CODE;
        }
        return new UnitListEntry(code, level, CsvTable.column(row, "type").trim(), CsvTable.column(row, "name").trim(),
                parent);
    }
}
