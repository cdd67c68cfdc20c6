package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class UnitNamesAndAgencyTest {

    static UnitRegister register;

    @BeforeAll
    static void load() {
        register = UnitRegister.load();
    }

    @Test
    void foldingDropsDiacriticsCaseAndExtraSpaces() {
        assertThat(UnitNames.fold("Huyện Thanh Hà")).isEqualTo("huyen thanh ha");
        assertThat(UnitNames.fold("  THÀNH   PHỐ  Đà Nẵng ")).isEqualTo("thanh pho da nang");
        assertThat(UnitNames.fold("Xã Quảng Ninh")).isEqualTo("xa quang ninh");
        assertThat(UnitNames.fold(null)).isEmpty();
        assertThat(UnitNames.matches("Thị trấn Thanh Hà", UnitNames.fold("thanh ha"))).isTrue();
        assertThat(UnitNames.matches("Huyện Thanh Hóa", UnitNames.fold("thanh ha"))).isFalse();
    }

    @Test
    void everyUnitOfBothListsIsFoundByItsFoldedName() {
        for (Hierarchy h : new Hierarchy[]{Hierarchy.FOUR_LEVEL_2025_03, Hierarchy.THREE_LEVEL_2025_07}) {
            for (UnitListEntry e : register.entries(h)) {
                String folded = UnitNames.fold(e.name());
                assertThat(folded).as(e.name()).matches("[a-z0-9 ()'.,-]+");
            }
        }
    }

    @Test
    void anAgencyFollowsItsParentThroughTheReform() {
        AdministrativeUnit district = register.unit("294").orElseThrow();
        AdministrativeUnit office = Agency.attach("294-PLDTBXH", "Phòng LĐTBXH huyện Thanh Hà", "Phòng", district);
        assertThat(office.placements()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(UnitLevel.AGENCY);
            assertThat(p.parentCode()).isEqualTo("294");
            assertThat(p.validTo()).isEqualTo(LocalDate.of(2025, 6, 30));
        });
        AdministrativeUnit province = register.unit("68").orElseThrow();
        AdministrativeUnit department = Agency.attach("68-SGDDT", "Sở GDĐT tỉnh Lâm Đồng", "Sở", province);
        assertThat(department.placements()).extracting(UnitPlacement::hierarchy).containsExactly("2025-03", "2025-07");
        AdministrativeUnit office2 = Agency.attach("68-SGDDT-TCHC", "Phòng TCHC", "Phòng", department);
        assertThat(office2.placementOn(LocalDate.of(2025, 7, 1)).orElseThrow().parentCode()).isEqualTo("68-SGDDT");
    }

    @Test
    void agencyCodesMustNotLookLikeOfficialCodes() {
        assertThat(Agency.codeProblem("30-SLDTBXH")).isNull();
        assertThat(Agency.codeProblem("10813")).contains("not be all digits");
        assertThat(Agency.codeProblem("sở")).isNotNull();
        assertThat(Agency.codeProblem(null)).isNotNull();
    }
}
