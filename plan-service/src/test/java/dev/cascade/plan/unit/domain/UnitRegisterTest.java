package dev.cascade.plan.unit.domain;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.cascade.contracts.events.PredecessorKind.FULL;
import static dev.cascade.contracts.events.PredecessorKind.PARTIAL;
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
        AdministrativeUnit same = new AdministrativeUnit("10813", List.copyOf(unit.placements()),
                List.copyOf(unit.predecessors()));
        AdministrativeUnit renamed = new AdministrativeUnit("10813", List.of(unit.placements().get(0),
                new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, "Phường Thanh Hà", "Phường",
                        UnitLevel.COMMUNE, "31")), unit.predecessors());
        assertThat(same.fingerprint()).isEqualTo(unit.fingerprint());
        assertThat(renamed.fingerprint()).isNotEqualTo(unit.fingerprint());
    }

    @Test
    void aMergedProvinceHasBothOldProvincesAsFullPredecessors() {
        AdministrativeUnit haiPhong = register.unit("31").orElseThrow();

        // Tỉnh Hải Dương (30) and the old Thành phố Hải Phòng (31) became Thành phố Hải Phòng (31) on 1 July 2025
        assertThat(haiPhong.predecessors()).containsExactly(new UnitPredecessor("30", FULL),
                new UnitPredecessor("31", FULL));
        assertThat(haiPhong.successorPlacement().orElseThrow().hierarchy()).isEqualTo("2025-07");
        assertThat(register.unit("30").orElseThrow().predecessors()).as("30 ends on 30 June 2025").isEmpty();
        assertThat(register.unit("01").orElseThrow().predecessors()).containsExactly(new UnitPredecessor("01", FULL));
        assertThat(register.unit(Ministry.CODE).orElseThrow().predecessors()).isEmpty();
    }

    @Test
    void aNewCommuneListsItsFullAndPartialPredecessorsInTheOrderOfTheMapping() {
        // Xã Hà Bắc (10816): part of Xã Hồng Lạc (10816), the whole of Xã Tân Việt (10825), part of Xã Cẩm Việt (10828)
        AdministrativeUnit haBac = register.unit("10816").orElseThrow();
        assertThat(haBac.predecessors()).containsExactly(new UnitPredecessor("10816", PARTIAL),
                new UnitPredecessor("10825", FULL), new UnitPredecessor("10828", PARTIAL));
        // Xã Thanh Hà (10813): Thị trấn Thanh Hà, Xã Thanh Tân, Xã Thanh Sơn, all whole
        assertThat(register.unit("10813").orElseThrow().predecessors()).containsExactly(
                new UnitPredecessor("10813", FULL), new UnitPredecessor("10861", FULL),
                new UnitPredecessor("10867", FULL));
        // Xã Cẩm Việt (10828) was split: it is a partial predecessor of 10816 and of Xã Lai Khê (10756)
        assertThat(register.unit("10756").orElseThrow().predecessors())
                .contains(new UnitPredecessor("10828", PARTIAL));
        // an old commune that ended on 30 June 2025 has none
        assertThat(register.unit("10861").orElseThrow().predecessors()).isEmpty();
    }

    @Test
    void everyPostReformUnitHasPredecessorsAndOnlyThose() {
        List<AdministrativeUnit> all = register.units();
        List<AdministrativeUnit> after = all.stream().filter(u -> !u.code().equals(Ministry.CODE))
                .filter(u -> u.placements().stream().anyMatch(p -> p.hierarchy().equals("2025-07"))).toList();

        assertThat(after).hasSize(34 + 3_321).allSatisfy(u -> assertThat(u.predecessors()).as(u.code()).isNotEmpty());
        assertThat(all.stream().filter(u -> !after.contains(u))).allSatisfy(u -> assertThat(u.predecessors()).isEmpty());
        // the rows of admin-merges-2025-07.csv: 10,667 pairs, 1,012 of them partial
        assertThat(after.stream().mapToLong(u -> u.predecessors().size()).sum()).isEqualTo(10_667);
        assertThat(after.stream().flatMap(u -> u.predecessors().stream()).filter(p -> p.kind() == PARTIAL).count())
                .isEqualTo(1_012);
    }

    @Test
    void predecessorsBelongToThe2025_07PlacementOnly() {
        AdministrativeUnit thanhHa = register.unit("10813").orElseThrow();

        assertThat(thanhHa.predecessorsOf(thanhHa.placements().get(0))).isEmpty();
        assertThat(thanhHa.predecessorsOf(thanhHa.placements().get(1))).extracting(UnitPredecessor::code)
                .containsExactly("10813", "10861", "10867");
    }

    @Test
    void theEventCarriesThePredecessors() {
        UnitUpserted event = register.unit("31").orElseThrow().toEvent(2);

        assertThat(event.version()).isEqualTo(2);
        assertThat(event.predecessors()).extracting(p -> p.code() + " " + p.kind()).containsExactly("30 FULL", "31 FULL");
    }

    @Test
    void fingerprintCountsPredecessorsOnlyWhenThereAreSome() {
        AdministrativeUnit haBac = register.unit("10816").orElseThrow();
        AdministrativeUnit withoutPredecessors = new AdministrativeUnit("10816", haBac.placements());
        AdministrativeUnit otherKind = new AdministrativeUnit("10816", haBac.placements(), List.of(
                new UnitPredecessor("10816", FULL), new UnitPredecessor("10825", FULL),
                new UnitPredecessor("10828", PARTIAL)));

        assertThat(haBac.fingerprint()).isNotEqualTo(withoutPredecessors.fingerprint())
                .isNotEqualTo(otherKind.fingerprint());
        assertThat(new AdministrativeUnit("10816", haBac.placements(), List.copyOf(haBac.predecessors())).fingerprint())
                .isEqualTo(haBac.fingerprint());
        // a unit without predecessors keeps the fingerprint of the format before predecessors existed
        assertThat(withoutPredecessors.fingerprint())
                .isEqualTo(new AdministrativeUnit("10816", haBac.placements(), null).fingerprint())
                .isEqualTo("%s", sha256Of("10816" + haBac.placements().stream().map(p -> "\n" + p.hierarchy()
                        + "\u001f" + p.validFrom() + "\u001f" + p.validTo() + "\u001f" + p.name() + "\u001f" + p.type()
                        + "\u001f" + p.level() + "\u001f" + p.parentCode()).collect(Collectors.joining())));
    }

    @Test
    void aMappingThatDisagreesWithTheListsIsRefused() {
        List<UnitListEntry> before = List.of(new UnitListEntry("30", UnitLevel.PROVINCE, "Tỉnh", "Tỉnh Hải Dương",
                "BGDDT"));
        List<UnitListEntry> after = List.of(new UnitListEntry("31", UnitLevel.PROVINCE, "Thành phố Trung ương",
                "Thành phố Hải Phòng", "BGDDT"));

        assertThat(UnitRegister.of(before, after, List.of(new UnitMerge("31", UnitLevel.PROVINCE, "30",
                "Tỉnh Hải Dương", false))).unit("31").orElseThrow().predecessors())
                .containsExactly(new UnitPredecessor("30", FULL));
        assertThatThrownBy(() -> UnitRegister.of(before, after, List.of(new UnitMerge("32", UnitLevel.PROVINCE, "30",
                "Tỉnh Hải Dương", false)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
        assertThatThrownBy(() -> UnitRegister.of(before, after, List.of(new UnitMerge("31", UnitLevel.PROVINCE, "29",
                "?", true)))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("29");
        assertThatThrownBy(() -> UnitRegister.of(before, after, List.of(
                new UnitMerge("31", UnitLevel.PROVINCE, "30", "Tỉnh Hải Dương", false),
                new UnitMerge("31", UnitLevel.PROVINCE, "30", "Tỉnh Hải Dương", true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    private static String sha256Of(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
