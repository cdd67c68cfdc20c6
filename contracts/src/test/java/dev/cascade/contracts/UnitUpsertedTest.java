package dev.cascade.contracts;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnitUpsertedTest {

    private static final UnitUpserted THANH_HA = new UnitUpserted("10813", List.of(
            new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Thị trấn Thanh Hà", "Thị trấn",
                    UnitLevel.COMMUNE, "294"),
            new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Xã Thanh Hà", "Xã", UnitLevel.COMMUNE, "31")),
            2);

    private static final UnitUpserted HUYEN_THANH_HA = new UnitUpserted("294", List.of(
            new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Huyện Thanh Hà", "Huyện",
                    UnitLevel.DISTRICT, "30")), 1);

    @Test
    void beforeTheReformACommuneSitsUnderItsDistrict() {
        assertThat(THANH_HA.placementOn(LocalDate.of(2024, 12, 14)))
                .hasValueSatisfying(p -> assertThat(p.parentCode()).isEqualTo("294"));
        assertThat(THANH_HA.placementOn(LocalDate.of(2025, 6, 30)))
                .hasValueSatisfying(p -> assertThat(p.hierarchy()).isEqualTo("2025-03"));
    }

    @Test
    void fromFirstJuly2025ACommuneSitsUnderItsProvince() {
        assertThat(THANH_HA.placementOn(LocalDate.of(2025, 7, 1))).hasValueSatisfying(p -> {
            assertThat(p.hierarchy()).isEqualTo("2025-07");
            assertThat(p.parentCode()).isEqualTo("31");
            assertThat(p.name()).isEqualTo("Xã Thanh Hà");
        });
    }

    @Test
    void anAbolishedDistrictHasNoPlacementAfterTheReform() {
        assertThat(HUYEN_THANH_HA.placementOn(LocalDate.of(2025, 6, 30))).isPresent();
        assertThat(HUYEN_THANH_HA.placementOn(LocalDate.of(2025, 7, 1))).isEmpty();
    }
}
