package dev.cascade.aggregation;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;

import java.time.LocalDate;
import java.util.List;

/** Units on both sides of the 1 July 2025 reform, as plan-service publishes them, for the flow tests. */
final class ReformUnits {

    static final LocalDate LAST_OLD_DAY = LocalDate.of(2025, 6, 30);
    static final LocalDate FIRST_NEW_DAY = LocalDate.of(2025, 7, 1);

    private ReformUnits() {
    }

    /** The ministry, at the root of both hierarchy versions. */
    static UnitUpserted ministry() {
        return new UnitUpserted("BGDDT", List.of(
                new UnitPlacement("2025-03", null, LAST_OLD_DAY, "Bộ Giáo dục và Đào tạo", "Bộ", UnitLevel.MINISTRY, null),
                new UnitPlacement("2025-07", FIRST_NEW_DAY, null, "Bộ Giáo dục và Đào tạo", "Bộ", UnitLevel.MINISTRY,
                        null)), 1);
    }

    /**
     * The ministry, Tỉnh Hải Dương (30), Thành phố Hải Phòng (31, formed from 30 and 31), Huyện Thanh Hà (294) and its
     * communes with what became of them: Thị trấn Thanh Hà (10813), Xã Thanh Tân (10861) and Xã Thanh Sơn (10867)
     * whole into Xã Thanh Hà (10813); Xã Hồng Lạc (10816) in part and Xã Tân Việt (10825) whole into Xã Hà Bắc
     * (10816), with part of Xã Cẩm Việt (10828); the new communes directly under 31.
     */
    static List<UnitUpserted> thanhHa() {
        return List.of(ministry(),
                old("30", "Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"),
                merged("31", "Thành phố Hải Phòng", "Thành phố Hải Phòng", UnitLevel.PROVINCE, "BGDDT", "BGDDT",
                        List.of(full("30"), full("31"))),
                old("294", "Huyện Thanh Hà", UnitLevel.DISTRICT, "30"),
                merged("10813", "Thị trấn Thanh Hà", "Xã Thanh Hà", UnitLevel.COMMUNE, "294", "31",
                        List.of(full("10813"), full("10861"), full("10867"))),
                old("10861", "Xã Thanh Tân", UnitLevel.COMMUNE, "294"),
                old("10867", "Xã Thanh Sơn", UnitLevel.COMMUNE, "294"),
                merged("10816", "Xã Hồng Lạc", "Xã Hà Bắc", UnitLevel.COMMUNE, "294", "31",
                        List.of(partial("10816"), full("10825"), partial("10828"))),
                old("10825", "Xã Tân Việt", UnitLevel.COMMUNE, "294"));
    }

    static UnitPredecessor full(String code) {
        return new UnitPredecessor(code, PredecessorKind.FULL);
    }

    static UnitPredecessor partial(String code) {
        return new UnitPredecessor(code, PredecessorKind.PARTIAL);
    }

    /** A unit of the 2025-03 list only (it ended on 30 June 2025). */
    static UnitUpserted old(String code, String name, UnitLevel level, String parent) {
        return new UnitUpserted(code, List.of(new UnitPlacement("2025-03", null, LAST_OLD_DAY, name, level.name(),
                level, parent)), 1);
    }

    /** A code of both lists: its 2025-03 unit until 30 June 2025, the unit formed from its predecessors after. */
    static UnitUpserted merged(String code, String oldName, String newName, UnitLevel level, String oldParent,
                               String newParent, List<UnitPredecessor> predecessors) {
        return new UnitUpserted(code, List.of(
                new UnitPlacement("2025-03", null, LAST_OLD_DAY, oldName, level.name(), level, oldParent),
                new UnitPlacement("2025-07", FIRST_NEW_DAY, null, newName, level.name(), level, newParent)),
                2, predecessors);
    }
}
