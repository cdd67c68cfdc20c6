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

class ObligationOpeningTest {

    private static final Instant NOW = Instant.parse("2024-12-04T02:00:00Z");

    private final List<UnitUpserted> units = new ArrayList<>(TestData.units());

    private Function<String, Optional<UnitCopy>> copy() {
        return code -> units.stream().filter(u -> u.code().equals(code)).findFirst()
                .map(u -> new UnitCopy(u.code(), u.placements(), u.version()));
    }

    private static Programme programme(List<String> reporting, ReportingPeriod... periods) {
        return new Programme("P", "KH-P", 1, "P", Frequency.ANNUAL, TestData.DATA_FORM, TestData.OUTLINE,
                List.of(periods), reporting, List.of("1"), List.of(), null);
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
                programme.periods(), programme.reportingUnits(), List.of(), List.of("2025"), null);
        assertThat(opened.periodsToOpenOn(LocalDate.of(2024, 12, 15))).isEmpty();
    }
}
