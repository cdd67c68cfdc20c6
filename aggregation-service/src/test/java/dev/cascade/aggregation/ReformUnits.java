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
