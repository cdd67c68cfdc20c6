package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled unit lists, read for real. */
class UnitRegisterTest {

    static UnitRegister register;

    @BeforeAll
    static void load() {
        register = UnitRegister.load();
    }

    @Test
    void list2025_03HasTheOfficialCountsOfTheFourLevelLadder() {
        assertThat(register.count(Hierarchy.FOUR_LEVEL_2025_03, UnitLevel.PROVINCE)).isEqualTo(63);
        assertThat(register.count(Hierarchy.FOUR_LEVEL_2025_03, UnitLevel.DISTRICT)).isEqualTo(696);
        assertThat(register.count(Hierarchy.FOUR_LEVEL_2025_03, UnitLevel.COMMUNE)).isEqualTo(10_047);
    }

    @Test
    void list2025_07HasTheOfficialCountsOfTheThreeLevelLadder() {
        assertThat(register.count(Hierarchy.THREE_LEVEL_2025_07, UnitLevel.PROVINCE)).isEqualTo(34);
        assertThat(register.count(Hierarchy.THREE_LEVEL_2025_07, UnitLevel.DISTRICT)).isZero();
        assertThat(register.count(Hierarchy.THREE_LEVEL_2025_07, UnitLevel.COMMUNE)).isEqualTo(3_321);
    }

    @Test
    void aCommuneInBothListsIsUnderItsDistrictUntil30JuneAndUnderTheNewProvinceFrom1July() {
        AdministrativeUnit thanhHa = register.unit("10813").orElseThrow();

        assertThat(thanhHa.placements()).containsExactly(
                new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Thị trấn Thanh Hà", "Thị trấn",
                        UnitLevel.COMMUNE, "294"),
                new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Xã Thanh Hà", "Xã",
                        UnitLevel.COMMUNE, "31"));
        assertThat(thanhHa.placementOn(LocalDate.of(2025, 6, 30)).orElseThrow().parentCode()).isEqualTo("294");
        assertThat(thanhHa.placementOn(LocalDate.of(2025, 7, 1)).orElseThrow().parentCode()).isEqualTo("31");
        assertThat(thanhHa.placementOn(LocalDate.of(2019, 1, 1)).orElseThrow().hierarchy()).isEqualTo("2025-03");
    }

    @Test
    void provincesHangUnderTheMinistryWhichIsTheRootOfBothHierarchies() {
        assertThat(register.unit("30").orElseThrow().placements())
                .extracting(UnitPlacement::parentCode).containsExactly("BGDDT");
        assertThat(register.unit("31").orElseThrow().placements())
                .extracting(UnitPlacement::parentCode).containsExactly("BGDDT", "BGDDT");
        assertThat(register.unit(Ministry.CODE).orElseThrow().placements()).containsExactly(
                new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), "Bộ Giáo dục và Đào tạo", "Bộ",
                        UnitLevel.MINISTRY, null),
                new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Bộ Giáo dục và Đào tạo", "Bộ",
                        UnitLevel.MINISTRY, null));
    }

    @Test
    void aDistrictExistsOnlyBeforeTheReform() {
        AdministrativeUnit district = register.unit("294").orElseThrow();
        assertThat(district.placementOn(LocalDate.of(2025, 6, 30)).orElseThrow().name()).isEqualTo("Huyện Thanh Hà");
        assertThat(district.placementOn(LocalDate.of(2025, 7, 1))).isEmpty();
    }

    @Test
    void selectingAProvinceTakesItsLadderTheUnitsItMergedIntoAndTheirParents() {
        List<AdministrativeUnit> selected = register.select(ProvinceSelection.parse("30"));
        Map<String, AdministrativeUnit> byCode = selected.stream()
                .collect(Collectors.toMap(AdministrativeUnit::code, Function.identity()));

        // 1 province + 12 districts + 207 communes of the 2025-03 list, Hải Phòng (31, what Hải Dương merged into),
        // the ministry; the 64 new communes keep codes of old Hải Dương communes
        assertThat(selected).hasSize(222);
        assertThat(byCode).containsKeys("BGDDT", "30", "31", "294", "288", "10813", "10507");
        assertThat(selected.get(0).code()).isEqualTo("BGDDT");
        assertThat(selected.stream().filter(u -> "294".equals(u.placements().get(0).parentCode())).count())
                .isEqualTo(16);
        for (AdministrativeUnit unit : selected) {
            assertThat(byCode.keySet()).as("parents of %s", unit.code()).containsAll(unit.parentCodes());
        }
    }

    @Test
    void selectingAllTakesEveryCodeOfBothListsAndTheMinistry() {
        assertThat(register.select(ProvinceSelection.ALL)).hasSize(10_812);
        assertThat(register.select(ProvinceSelection.NONE)).isEmpty();
    }

    @Test
    void anUnknownProvinceIsRefused() {
        assertThatThrownBy(() -> register.select(ProvinceSelection.parse("30,99")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    }

    @Test
    void fingerprintChangesWithContentOnly() {
        AdministrativeUnit unit = register.unit("10813").orElseThrow();
        AdministrativeUnit same = new AdministrativeUnit("10813", List.copyOf(unit.placements()));
        AdministrativeUnit renamed = new AdministrativeUnit("10813", List.of(unit.placements().get(0),
                new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Phường Thanh Hà", "Phường",
                        UnitLevel.COMMUNE, "31")));
        assertThat(same.fingerprint()).isEqualTo(unit.fingerprint());
        assertThat(renamed.fingerprint()).isNotEqualTo(unit.fingerprint());
    }
}
