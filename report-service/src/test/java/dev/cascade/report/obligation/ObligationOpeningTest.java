package dev.cascade.report.obligation;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.TestData;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.unit.UnitCopy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ObligationOpeningTest {

    private static final Instant NOW = Instant.parse("2024-12-04T02:00:00Z");

    private final List<UnitUpserted> units = new ArrayList<>(TestData.units());

    private Function<String, Optional<UnitCopy>> copy() {
        return code -> units.stream().filter(u -> u.code().equals(code)).findFirst()
                .map(u -> new UnitCopy(u.code(), u.placements(), u.version()));
    }

    private static Programme programme(List<String> reporting, ReportingPeriod... periods) {
        return new Programme("P", "KH-P", 1, "P", Frequency.ANNUAL, TestData.DATA_FORM, TestData.OUTLINE,
                List.of(periods), reporting, List.of("1"), List.of(), null, "30", List.of(), 1L);
    }

    @Test
    void eachReportingUnitOwesOneReportWithItsLevelsDeadlineEndingAtMidnightInHanoi() {
        List<Obligation> opened = ObligationOpening.open(programme(List.of("10813", "294", "10813")),
                TestData.annual(2024), copy(), NOW);

        assertThat(opened).extracting(Obligation::id).containsExactly("P|2024|10813", "P|2024|294");
        Obligation commune = opened.get(0);
        TestData.assertOpenCommune10813(commune);
        assertThat(commune.openedAt()).isEqualTo(NOW);
        Obligation district = opened.get(1);
        assertThat(district.level()).isEqualTo(UnitLevel.DISTRICT);
        assertThat(district.deadline()).isEqualTo(LocalDate.of(2024, 12, 10));
        assertThat(district.parentCode()).isEqualTo("30");
    }

    @Test
    void theHierarchyIsTheOneValidOnTheCutOffEndOfThePeriod() {
        Obligation after = ObligationOpening.open(programme(List.of("10813")), TestData.annual(2025), copy(), NOW)
                .get(0);

        assertThat(after.parentCode()).isEqualTo("31");
        assertThat(after.ancestors()).containsExactly("31", "BGDDT");
    }

    @Test
    void aUnitNotKnownOrNotPlacedOnTheCutOffEndKeepsThePeriodClosed() {
        units.add(new UnitUpserted("99001", List.of(new UnitPlacement("2025-07", TestData.REFORM, null, "Xã mới",
                "Xã", UnitLevel.COMMUNE, "31")), 1));

        assertThatThrownBy(() -> ObligationOpening.open(programme(List.of("10813", "99001", "99002")),
                TestData.annual(2024), copy(), NOW))
                .isInstanceOfSatisfying(UnitsNotKnown.class,
                        e -> assertThat(e.codes()).containsExactlyInAnyOrder("99001", "99002"));
    }

    @Test
    void anAncestorNotKnownYetKeepsThePeriodClosedSoTheFrozenChainReachesTheRoot() {
        units.removeIf(u -> u.code().equals("30"));

        assertThatThrownBy(() -> ObligationOpening.open(programme(List.of("10813")), TestData.annual(2024), copy(), NOW))
                .isInstanceOfSatisfying(UnitsNotKnown.class, e -> assertThat(e.codes()).containsExactly("30"));
    }

    /** The Uông Bí plan: issued by city 196 for its ten units, annual periods 2024 and 2025. */
    private static Programme uongBi() {
        return new Programme("UB", "KH-UB", 1, "UB", Frequency.ANNUAL, TestData.DATA_FORM, TestData.OUTLINE,
                List.of(TestData.annual(2024), TestData.annual(2025)), TestData.UONG_BI, List.of("1"), List.of(),
                null, "196", TestData.UONG_BI_SUCCESSIONS, 1L);
    }

    @Test
    void beforeTheReformEachOfTheTenUnitsOwesItsOwnReportToTheCity() {
        units.addAll(TestData.uongBiUnits());

        List<Obligation> opened = ObligationOpening.open(uongBi(), TestData.annual(2024), copy(), NOW);

        assertThat(opened).extracting(Obligation::unitCode).containsExactlyElementsOf(TestData.UONG_BI);
        assertThat(opened).allSatisfy(o -> {
            assertThat(o.replaces()).isEmpty();
            assertThat(o.partialSuccession()).isFalse();
            assertThat(o.level()).isEqualTo(UnitLevel.COMMUNE);
            assertThat(o.parentCode()).isEqualTo("196");
            assertThat(o.ancestors()).containsExactly("196", "22", "BGDDT");
            assertThat(o.deadline()).isEqualTo(LocalDate.of(2024, 12, 5));
        });
    }

    @Test
    void afterTheReformTheThreeNewWardsOweItInPlaceOfTheTenToTheProvincePartialOnesFlagged() {
        units.addAll(TestData.uongBiUnits());

        List<Obligation> opened = ObligationOpening.open(uongBi(), TestData.annual(2025), copy(), NOW);

        assertThat(opened).extracting(Obligation::id, Obligation::replaces, Obligation::partialSuccession)
                .containsExactly(
                        tuple("UB|2025|06820", List.of("06808", "06814", "06820", "06823"), true),
                        tuple("UB|2025|06811", List.of("06811", "06817", "06820", "06826"), true),
                        tuple("UB|2025|06832", List.of("06829", "06832", "06835"), false));
        assertThat(opened).allSatisfy(o -> {
            assertThat(o.level()).isEqualTo(UnitLevel.COMMUNE);
            assertThat(o.parentCode()).as("the city is gone: its role passed to the province").isEqualTo("22");
            assertThat(o.ancestors()).containsExactly("22", "BGDDT");
            assertThat(o.deadline()).isEqualTo(LocalDate.of(2025, 12, 5));
            assertThat(o.dueAt()).isEqualTo(Instant.parse("2025-12-05T17:00:00Z"));
            assertThat(o.status()).isEqualTo(ObligationStatus.OPEN);
            assertThat(o.version()).isEqualTo(1);
        });
        assertThat(opened.get(0).opened().replaces()).as("the event names them too")
                .containsExactly("06808", "06814", "06820", "06823");
        assertThat(opened.get(0).opened().partialSuccession()).isTrue();
    }

    @Test
    void withoutItsSuccessionsAPlanOfMergedUnitsCannotOpenAfterTheReformAndSaysWhichAndWhy() {
        units.addAll(TestData.uongBiUnits());
        Programme withoutSuccessions = new Programme("UB", "KH-UB", 1, "UB", Frequency.ANNUAL, TestData.DATA_FORM,
                TestData.OUTLINE, List.of(TestData.annual(2025)), TestData.UONG_BI, List.of("1"), List.of(), null,
                "196", List.of(), 1L);

        assertThatThrownBy(() -> ObligationOpening.open(withoutSuccessions, TestData.annual(2025), copy(), NOW))
                .isInstanceOfSatisfying(UnitsNotKnown.class, e -> {
                    assertThat(e.codes()).containsExactlyInAnyOrder("06808", "06814", "06817", "06823", "06826",
                            "06829", "06835");
                    assertThat(e.getMessage()).startsWith("plan KH-UB, programme UB, period 2025: units not known on "
                            + "2025-12-14");
                    assertThat(e.getStackTrace()).as("an expected condition: logged as one line").isEmpty();
                });
    }

    @Test
    void aLevelWithoutItsOwnDeadlineGetsTheEarliestOfThePeriod() {
        ReportingPeriod period = new ReportingPeriod("2024", LocalDate.of(2023, 12, 15), LocalDate.of(2024, 12, 14),
                Map.of(UnitLevel.DISTRICT, LocalDate.of(2024, 12, 10), UnitLevel.PROVINCE, LocalDate.of(2024, 12, 16)));

        assertThat(ObligationOpening.deadline(period, UnitLevel.AGENCY)).isEqualTo(LocalDate.of(2024, 12, 10));
        assertThat(ObligationOpening.deadline(period, UnitLevel.PROVINCE)).isEqualTo(LocalDate.of(2024, 12, 16));
    }

    @Test
    void aReportIsLateFromTheFirstInstantAfterTheDeadlineDay() {
        Obligation obligation = ObligationOpening.open(programme(List.of("10813")), TestData.annual(2024), copy(),
                NOW).get(0);

        assertThat(obligation.fulfilmentAt(Instant.parse("2024-12-05T16:59:59.999Z")))
                .isEqualTo(ObligationStatus.FULFILLED_ON_TIME);
        assertThat(obligation.fulfilmentAt(Instant.parse("2024-12-05T17:00:00Z")))
                .isEqualTo(ObligationStatus.FULFILLED_LATE);
    }

    @Test
    void aPeriodIsDueToOpenOnEveryDayOfItsCutOffWindowUntilItIsOpened() {
        Programme programme = programme(List.of("10813"), TestData.annual(2024), TestData.annual(2025));

        assertThat(programme.periodsToOpenOn(LocalDate.of(2023, 12, 14))).isEmpty();
        assertThat(programme.periodsToOpenOn(LocalDate.of(2023, 12, 15))).extracting(ReportingPeriod::id)
                .containsExactly("2024");
        assertThat(programme.periodsToOpenOn(LocalDate.of(2024, 12, 14))).extracting(ReportingPeriod::id)
                .containsExactly("2024");
        assertThat(programme.periodsToOpenOn(LocalDate.of(2024, 12, 15))).extracting(ReportingPeriod::id)
                .containsExactly("2025");
        Programme opened = new Programme("P", "KH-P", 1, "P", Frequency.ANNUAL, TestData.DATA_FORM, TestData.OUTLINE,
                programme.periods(), programme.reportingUnits(), List.of(), List.of("2025"), null, "30", List.of(), 1L);
        assertThat(opened.periodsToOpenOn(LocalDate.of(2024, 12, 15))).isEmpty();
    }
}
