package dev.cascade.aggregation.query;

import dev.cascade.aggregation.hierarchy.Placement;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.PeriodWindow;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.PlanCopy;
import dev.cascade.aggregation.plan.ProgrammePeriods;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.platform.security.AccessRefused;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.security.UnitHierarchy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The days the read rule is judged on: a period's cut-off end, a series period by period. Commune 10813 is under
 * district 294 until 30 June 2025 and under province 31 from 1 July 2025; programme P has periods 2024 (cut-off end
 * 14 Dec 2024) and 2025 (14 Dec 2025); today is 3 Dec 2026.
 */
class AggregateAccessTest {

    static final Map<String, UnitCopy> UNITS = Map.of(
            "10813", new UnitCopy("10813", 1, List.of(
                    new Placement("2025-03", null, "2025-06-30", "Xã", UnitLevel.COMMUNE, "294"),
                    new Placement("2025-07", "2025-07-01", null, "Xã", UnitLevel.COMMUNE, "31")), List.of()),
            "294", new UnitCopy("294", 1, List.of(
                    new Placement("2025-03", null, "2025-06-30", "Huyện", UnitLevel.DISTRICT, "30")), List.of()),
            "31", new UnitCopy("31", 1, List.of(
                    new Placement("2025-07", "2025-07-01", null, "Tỉnh", UnitLevel.PROVINCE, "BGDDT")), List.of()),
            "30", new UnitCopy("30", 1, List.of(
                    new Placement("2025-03", null, "2025-06-30", "Tỉnh", UnitLevel.PROVINCE, "BGDDT")), List.of()));

    final UnitCopies units = mock(UnitCopies.class);
    final PlanCopies plans = mock(PlanCopies.class);
    final ProgrammePeriods periods = mock(ProgrammePeriods.class);
    final AggregateAccess access;

    AggregateAccessTest() {
        UNITS.forEach((code, unit) -> when(units.find(code)).thenReturn(Optional.of(unit)));
        PlanCopy plan = mock(PlanCopy.class);
        PeriodWindow y2024 = new PeriodWindow("2024", "2023-12-15", "2024-12-14");
        PeriodWindow y2025 = new PeriodWindow("2025", "2024-12-15", "2025-12-14");
        when(plan.periods()).thenReturn(List.of(y2024, y2025));
        when(plan.period("2024")).thenReturn(Optional.of(y2024));
        when(plan.period("2025")).thenReturn(Optional.of(y2025));
        when(plans.ofProgramme("P")).thenReturn(List.of(plan));
        UnitHierarchy hierarchy = (code, day) -> "BGDDT".equals(code)
                ? Optional.of(new UnitHierarchy.Place(code, null))
                : units.find(code).flatMap(u -> u.placementOn(day)).map(p -> new UnitHierarchy.Place(code,
                p.parentCode()));
        AccessRules rules = new AccessRules(hierarchy, "BGDDT",
                Clock.fixed(Instant.parse("2026-12-03T02:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(60));
        access = new AggregateAccess(rules, periods, plans, units);
    }

    static Caller caller(String unit, Role role) {
        return new Caller(role.name().toLowerCase() + "-" + unit, unit, unit, Set.of(role));
    }

    static AggregateView view(String period) {
        return new AggregateView("P", period, "10813", UnitLevel.COMMUNE, null, 1, null, Map.of(),
                new Completeness(1, 1, 1, 0), List.of(), List.of(), List.of());
    }

    @Test
    void aPeriodIsJudgedOnItsCutOffEndAndAnUnknownOneOnToday() {
        assertThat(access.dayOf("P", "2024")).isEqualTo(LocalDate.of(2024, 12, 14));
        assertThat(access.dayOf("P", "2025")).isEqualTo(LocalDate.of(2025, 12, 14));
        assertThat(access.dayOf("P", "2031")).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void aDistrictReviewerReadsHisCommunesPreReformPeriodsOnly() {
        Caller district = caller("294", Role.REVIEWER);
        assertThat(access.read(district, new AggregateKey("P", "2024", "10813"), false).role())
                .isEqualTo(Role.REVIEWER);
        assertThatThrownBy(() -> access.read(district, new AggregateKey("P", "2025", "10813"), false))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("on 2025-12-14");
    }

    @Test
    void aSeriesHoldsOnlyThePeriodsWhoseTreeAllowsTheCaller() {
        List<AggregateView> series = List.of(view("2024"), view("2025"));

        Caller district = caller("294", Role.REVIEWER);
        access.readSeries(district, "P", "10813");
        assertThat(access.readable(district, "10813", series)).extracting(AggregateView::period)
                .containsExactly("2024");

        Caller province = caller("31", Role.VIEWER);
        access.readSeries(province, "P", "10813");
        assertThat(access.readable(province, "10813", series)).extracting(AggregateView::period)
                .containsExactly("2025");

        Caller ministry = caller("BGDDT", Role.VIEWER);
        assertThat(access.readable(ministry, "10813", series)).hasSize(2);

        assertThatThrownBy(() -> access.readSeries(caller("30", Role.PLANNER), "P", "10813"))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void theNationalReaderAlsoReadsAUnitWithNoPlaceThatDayOthersDoNot() {
        assertThat(access.read(caller("BGDDT", Role.VIEWER), new AggregateKey("P", "2024", "99999"), false).rule())
                .startsWith("REVIEWER or VIEWER of the national unit BGDDT");
        assertThat(access.read(caller("BGDDT", Role.REVIEWER), new AggregateKey("P", "2025", "294"), false).role())
                .isEqualTo(Role.REVIEWER);
        assertThatThrownBy(() -> access.read(caller("30", Role.VIEWER), new AggregateKey("P", "2024", "99999"),
                false)).isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> access.read(caller("BGDDT", Role.PLANNER), new AggregateKey("P", "2024", "99999"),
                false)).isInstanceOf(AccessRefused.class);
    }
}
