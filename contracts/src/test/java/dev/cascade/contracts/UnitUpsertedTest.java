package dev.cascade.contracts;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnitUpsertedTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final UnitUpserted THANH_HA = new UnitUpserted("10813", List.of(
            new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Thị trấn Thanh Hà", "Thị trấn",
                    UnitLevel.COMMUNE, "294"),
            new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Xã Thanh Hà", "Xã", UnitLevel.COMMUNE, "31")),
            2);

    private static final UnitUpserted HUYEN_THANH_HA = new UnitUpserted("294", List.of(
            new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Huyện Thanh Hà", "Huyện",
                    UnitLevel.DISTRICT, "30")), 1);

    /** Thành phố Hải Phòng from 1 July 2025: Tỉnh Hải Dương (30) and the old Hải Phòng (31), both whole. */
    private static final UnitUpserted HAI_PHONG = new UnitUpserted("31", List.of(
            new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Thành phố Hải Phòng", "Thành phố Trung ương",
                    UnitLevel.PROVINCE, "BGDDT"),
            new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Thành phố Hải Phòng", "Thành phố Trung ương",
                    UnitLevel.PROVINCE, "BGDDT")), 2,
            List.of(new UnitPredecessor("30", PredecessorKind.FULL), new UnitPredecessor("31", PredecessorKind.FULL)));

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

    @Test
    void predecessorsBelongToThePlacementWithTheLatestStart() {
        assertThat(HAI_PHONG.successorPlacement()).hasValueSatisfying(p -> {
            assertThat(p.hierarchy()).isEqualTo("2025-07");
            assertThat(p.validFrom()).isEqualTo(LocalDate.of(2025, 7, 1));
        });
        assertThat(HUYEN_THANH_HA.successorPlacement()).as("a placement without a start forms nothing").isEmpty();
        assertThat(THANH_HA.predecessors()).as("the three-argument constructor: no predecessors").isEmpty();
    }

    @Test
    void aRecordWrittenBeforePredecessorsExistedIsStillRead() {
        // the golden as plan-service published it before the field was added: no "predecessors" member
        ObjectNode old = (ObjectNode) MAPPER.readTree(GoldenFiles.read(EventTypes.UNIT_UPSERTED));
        old.remove("predecessors");
        String oldJson = MAPPER.writeValueAsString(old);
        assertThat(oldJson).doesNotContain("predecessors");

        UnitUpserted read = MAPPER.readValue(oldJson, UnitUpserted.class);

        assertThat(read.code()).isEqualTo("10813");
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.placements()).hasSize(2);
        assertThat(read.predecessors()).isNotNull().isEmpty();
        assertThat(EventSchemas.validate(EventTypes.UNIT_UPSERTED, oldJson)).as("still valid v1").isEmpty();
    }

    @Test
    void nullPredecessorsReadAsEmptyAndAreValid() {
        ObjectNode withNull = (ObjectNode) MAPPER.readTree(GoldenFiles.read(EventTypes.UNIT_UPSERTED));
        withNull.putNull("predecessors");
        String json = MAPPER.writeValueAsString(withNull);

        assertThat(MAPPER.readValue(json, UnitUpserted.class).predecessors()).isEmpty();
        assertThat(EventSchemas.validate(EventTypes.UNIT_UPSERTED, json)).isEmpty();
    }

    @Test
    void predecessorsRoundTripWithTheirKind() {
        String json = MAPPER.writeValueAsString(HAI_PHONG);
        JsonNode tree = MAPPER.readTree(json);

        assertThat(tree.get("predecessors").toString())
                .isEqualTo("[{\"code\":\"30\",\"kind\":\"FULL\"},{\"code\":\"31\",\"kind\":\"FULL\"}]");
        assertThat(MAPPER.readValue(json, UnitUpserted.class)).isEqualTo(HAI_PHONG);
        assertThat(EventSchemas.validate(EventTypes.UNIT_UPSERTED, json)).isEmpty();

        UnitUpserted golden = MAPPER.readValue(GoldenFiles.read(EventTypes.UNIT_UPSERTED), UnitUpserted.class);
        assertThat(golden.predecessors()).containsExactly(new UnitPredecessor("10813", PredecessorKind.FULL),
                new UnitPredecessor("10861", PredecessorKind.FULL), new UnitPredecessor("10867", PredecessorKind.FULL));
    }
}
