package dev.cascade.aggregation.hierarchy;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPredecessor;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a unit's figures can be restated from its predecessors: periods that end before its 2025-07 placement. */
class UnitCopyTest {

    static final Placement OLD_HAI_PHONG = new Placement("2025-03", null, "2025-06-30", "Thành phố Hải Phòng",
            UnitLevel.PROVINCE, "BGDDT");
    static final Placement NEW_HAI_PHONG = new Placement("2025-07", "2025-07-01", null, "Thành phố Hải Phòng",
            UnitLevel.PROVINCE, "BGDDT");
    static final UnitCopy HAI_PHONG = new UnitCopy("31", 2, List.of(OLD_HAI_PHONG, NEW_HAI_PHONG), List.of(
            new UnitPredecessor("30", PredecessorKind.FULL), new UnitPredecessor("31", PredecessorKind.FULL)));

    @Test
    void aPeriodEndingBeforeFirstJuly2025IsRestatableOnAPostReformUnit() {
        assertThat(HAI_PHONG.successorPlacement()).contains(NEW_HAI_PHONG);
        assertThat(HAI_PHONG.restatableOn(LocalDate.of(2024, 12, 14))).isTrue();
        assertThat(HAI_PHONG.restatableOn(LocalDate.of(2025, 6, 30))).isTrue();
        assertThat(HAI_PHONG.restatableOn(LocalDate.of(2025, 7, 1))).isFalse();
        assertThat(HAI_PHONG.restatableOn(LocalDate.of(2025, 12, 14))).isFalse();
    }

    @Test
    void aUnitWithoutPredecessorsOrWithoutADatedPlacementIsNeverRestated() {
        UnitCopy province30 = new UnitCopy("30", 1, List.of(new Placement("2025-03", null, "2025-06-30",
                "Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT")), null);
        UnitCopy undated = new UnitCopy("31", 1, List.of(OLD_HAI_PHONG), HAI_PHONG.predecessors());

        assertThat(province30.predecessors()).isEmpty();
        assertThat(province30.restatableOn(LocalDate.of(2024, 12, 14))).isFalse();
        assertThat(undated.restatableOn(LocalDate.of(2024, 12, 14))).isFalse();
    }
}
