package dev.cascade.plan.schedule;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportingCalendarTest {

    static final Map<UnitLevel, MonthDay> THANH_HA = Map.of(
            UnitLevel.COMMUNE, MonthDay.of(12, 10), UnitLevel.DISTRICT, MonthDay.of(12, 15),
            UnitLevel.PROVINCE, MonthDay.of(12, 20), UnitLevel.MINISTRY, MonthDay.of(12, 25));

    final ReportingCalendar calendar = new ReportingCalendar(new WorkingDays());

    @Test
    void annualCutOffRunsFrom15DecemberOfThePreviousYearTo14December() {
        CutOffWindow window = CutOffWindow.annual(2024);
        assertThat(window.start()).isEqualTo(LocalDate.of(2023, 12, 15));
        assertThat(window.end()).isEqualTo(LocalDate.of(2024, 12, 14));
        assertThat(window.contains(LocalDate.of(2023, 12, 15))).isTrue();
        assertThat(window.contains(LocalDate.of(2024, 12, 15))).isFalse();
    }

    @Test
    void oneAnnualPeriodPerHorizonYearWithEachLevelsDeadline() {
        List<ReportingPeriod> periods = calendar.periods(Frequency.ANNUAL, 2023, 2030, THANH_HA);

        assertThat(periods).extracting(ReportingPeriod::id)
                .containsExactly("2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030");
        ReportingPeriod y2024 = periods.get(1);
        assertThat(y2024.cutOffStart()).isEqualTo(LocalDate.of(2023, 12, 15));
        assertThat(y2024.cutOffEnd()).isEqualTo(LocalDate.of(2024, 12, 14));
        assertThat(y2024.deadlines()).isEqualTo(Map.of(
                UnitLevel.COMMUNE, LocalDate.of(2024, 12, 10),   // Tuesday
                UnitLevel.DISTRICT, LocalDate.of(2024, 12, 16),  // 15 December 2024 is a Sunday
                UnitLevel.PROVINCE, LocalDate.of(2024, 12, 20),  // Friday
                UnitLevel.MINISTRY, LocalDate.of(2024, 12, 25)));
    }

    @Test
    void aDeadlineOnASaturdayMovesToMonday() {
        // 20 December 2025 is a Saturday, 10 December 2023 a Sunday
        ReportingPeriod y2025 = calendar.periods(Frequency.ANNUAL, 2025, 2025, THANH_HA).get(0);
        assertThat(y2025.deadlines().get(UnitLevel.PROVINCE)).isEqualTo(LocalDate.of(2025, 12, 22));
        assertThat(y2025.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(LocalDate.of(2025, 12, 10));

        ReportingPeriod y2023 = calendar.periods(Frequency.ANNUAL, 2023, 2023, THANH_HA).get(0);
        assertThat(y2023.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(LocalDate.of(2023, 12, 11));
    }

    @Test
    void workingDaysAreMondayToFriday() {
        WorkingDays days = new WorkingDays();
        assertThat(days.isWorkingDay(LocalDate.of(2025, 12, 19))).isTrue();
        assertThat(days.isWorkingDay(LocalDate.of(2025, 12, 20))).isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2025, 12, 21))).isFalse();
        assertThat(days.onOrAfter(LocalDate.of(2025, 12, 21))).isEqualTo(LocalDate.of(2025, 12, 22));
        assertThat(days.onOrAfter(LocalDate.of(2025, 12, 19))).isEqualTo(LocalDate.of(2025, 12, 19));
    }

    @Test
    void otherFrequenciesAreNotComputedYet() {
        assertThat(ReportingCalendar.supports(Frequency.QUARTERLY)).isFalse();
        assertThatThrownBy(() -> calendar.periods(Frequency.QUARTERLY, 2024, 2024, THANH_HA))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
