package dev.cascade.plan.schedule;

import dev.cascade.contracts.WorkingDays;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportingCalendarTest {

    static final Map<UnitLevel, DeadlineRule> THANH_HA = Map.of(
            UnitLevel.COMMUNE, DeadlineRule.parse("12-10"), UnitLevel.DISTRICT, DeadlineRule.parse("12-15"),
            UnitLevel.PROVINCE, DeadlineRule.parse("12-20"), UnitLevel.MINISTRY, DeadlineRule.parse("12-25"));
    static final Map<UnitLevel, DeadlineRule> OFFSETS = Map.of(
            UnitLevel.COMMUNE, DeadlineRule.parse("+1"), UnitLevel.DISTRICT, DeadlineRule.parse("+3"),
            UnitLevel.PROVINCE, DeadlineRule.parse("+5"));

    final ReportingCalendar calendar = new ReportingCalendar(new WorkingDays());

    static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    @Test
    void annualCutOffRunsFrom15DecemberOfThePreviousYearTo14December() {
        CutOffWindow window = CutOffWindow.annual(2024);
        assertThat(window.start()).isEqualTo(d(2023, 12, 15));
        assertThat(window.end()).isEqualTo(d(2024, 12, 14));
        assertThat(window.contains(d(2023, 12, 15))).isTrue();
        assertThat(window.contains(d(2024, 12, 15))).isFalse();
    }

    @Test
    void oneAnnualPeriodPerHorizonYearWithEachLevelsDeadline() {
        List<ReportingPeriod> periods = calendar.periods(Frequency.ANNUAL, 2023, 2030, THANH_HA);

        assertThat(periods).extracting(ReportingPeriod::id)
                .containsExactly("2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030");
        ReportingPeriod y2024 = periods.get(1);
        assertThat(y2024.cutOffStart()).isEqualTo(d(2023, 12, 15));
        assertThat(y2024.cutOffEnd()).isEqualTo(d(2024, 12, 14));
        assertThat(y2024.deadlines()).isEqualTo(Map.of(
                UnitLevel.COMMUNE, d(2024, 12, 10),   // Tuesday
                UnitLevel.DISTRICT, d(2024, 12, 16),  // 15 December 2024 is a Sunday
                UnitLevel.PROVINCE, d(2024, 12, 20),  // Friday
                UnitLevel.MINISTRY, d(2024, 12, 25)));
    }

    @Test
    void aDeadlineOnASaturdayMovesToMonday() {
        // 20 December 2025 is a Saturday, 10 December 2023 a Sunday
        ReportingPeriod y2025 = calendar.periods(Frequency.ANNUAL, 2025, 2025, THANH_HA).get(0);
        assertThat(y2025.deadlines().get(UnitLevel.PROVINCE)).isEqualTo(d(2025, 12, 22));
        assertThat(y2025.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(d(2025, 12, 10));

        ReportingPeriod y2023 = calendar.periods(Frequency.ANNUAL, 2023, 2023, THANH_HA).get(0);
        assertThat(y2023.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(d(2023, 12, 11));
    }

    @Test
    void workingDaysAreMondayToFridayOutsidePublicHolidays() {
        WorkingDays days = new WorkingDays();
        assertThat(days.isWorkingDay(d(2025, 12, 19))).isTrue();
        assertThat(days.isWorkingDay(d(2025, 12, 20))).isFalse();
        assertThat(days.isWorkingDay(d(2025, 12, 21))).isFalse();
        assertThat(days.onOrAfter(d(2025, 12, 21))).isEqualTo(d(2025, 12, 22));
        assertThat(days.onOrAfter(d(2025, 12, 19))).isEqualTo(d(2025, 12, 19));
        assertThat(days.isWorkingDay(d(2025, 4, 30))).isFalse();   // Wednesday, Victory Day
        assertThat(days.isWorkingDay(d(2025, 5, 1))).isFalse();    // Thursday, Labour Day
        assertThat(days.isWorkingDay(d(2025, 5, 2))).isTrue();
        assertThat(days.isWorkingDay(d(2026, 1, 1))).isFalse();    // Thursday, New Year
    }

    @Test
    void monthlyWindowsRunFromThe15thOfThePreviousMonthAcrossTheYearBoundary() {
        List<ReportingPeriod> periods = calendar.periods(Frequency.MONTHLY, 2024, 2024, OFFSETS);
        assertThat(periods).hasSize(12);
        ReportingPeriod january = periods.get(0);
        assertThat(january.id()).isEqualTo("2024-01");
        assertThat(january.cutOffStart()).isEqualTo(d(2023, 12, 15));
        assertThat(january.cutOffEnd()).isEqualTo(d(2024, 1, 14));
        // leap year: February's window holds 29 February, March's starts on 15 February
        ReportingPeriod march = periods.get(2);
        assertThat(march.id()).isEqualTo("2024-03");
        assertThat(march.cutOffStart()).isEqualTo(d(2024, 2, 15));
        assertThat(march.cutOffEnd()).isEqualTo(d(2024, 3, 14));
        assertThat(CutOffWindow.monthly(2024, 3).contains(d(2024, 2, 29))).isTrue();
        assertThat(periods.get(11).cutOffEnd()).isEqualTo(d(2024, 12, 14));
        // the windows tile the year without gap or overlap
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i).cutOffStart()).isEqualTo(periods.get(i - 1).cutOffEnd().plusDays(1));
        }
    }

    @Test
    void quarterlyWindowsStartOn15DecemberOfThePreviousYear() {
        List<ReportingPeriod> periods = calendar.periods(Frequency.QUARTERLY, 2025, 2026, OFFSETS);
        assertThat(periods).extracting(ReportingPeriod::id)
                .containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3",
                        "2026-Q4");
        assertThat(periods).extracting(ReportingPeriod::cutOffStart).containsExactly(d(2024, 12, 15),
                d(2025, 3, 15), d(2025, 6, 15), d(2025, 9, 15), d(2025, 12, 15), d(2026, 3, 15), d(2026, 6, 15),
                d(2026, 9, 15));
        assertThat(periods).extracting(ReportingPeriod::cutOffEnd).containsExactly(d(2025, 3, 14),
                d(2025, 6, 14), d(2025, 9, 14), d(2025, 12, 14), d(2026, 3, 14), d(2026, 6, 14), d(2026, 9, 14),
                d(2026, 12, 14));
    }

    @Test
    void sixMonthNineMonthAndAnnualWindows() {
        List<ReportingPeriod> halves = calendar.periods(Frequency.SIX_MONTHLY, 2028, 2028, OFFSETS);
        assertThat(halves).extracting(ReportingPeriod::id).containsExactly("2028-H1", "2028-H2");
        assertThat(halves.get(0).cutOffStart()).isEqualTo(d(2027, 12, 15));
        assertThat(halves.get(0).cutOffEnd()).isEqualTo(d(2028, 6, 14));
        assertThat(halves.get(1).cutOffStart()).isEqualTo(d(2028, 6, 15));
        assertThat(halves.get(1).cutOffEnd()).isEqualTo(d(2028, 12, 14));

        ReportingPeriod nine = calendar.periods(Frequency.NINE_MONTHLY, 2024, 2024, OFFSETS).get(0);
        assertThat(nine.id()).isEqualTo("2024-9M");
        assertThat(nine.cutOffStart()).isEqualTo(d(2023, 12, 15));
        assertThat(nine.cutOffEnd()).isEqualTo(d(2024, 9, 14));

        // a leap year's annual window has 366 days, an ordinary one 365
        assertThat(CutOffWindow.annual(2024).start().datesUntil(CutOffWindow.annual(2024).end().plusDays(1)).count())
                .isEqualTo(366);
        assertThat(CutOffWindow.annual(2025).start().datesUntil(CutOffWindow.annual(2025).end().plusDays(1)).count())
                .isEqualTo(365);
    }

    @Test
    void reviewsCoverBlocksOfFiveAndTenHorizonYears() {
        List<ReportingPeriod> interim = calendar.periods(Frequency.INTERIM_REVIEW_5Y, 2023, 2030, OFFSETS);
        assertThat(interim).extracting(ReportingPeriod::id).containsExactly("2023-2027");
        assertThat(interim.get(0).cutOffStart()).isEqualTo(d(2022, 12, 15));
        assertThat(interim.get(0).cutOffEnd()).isEqualTo(d(2027, 12, 14));

        List<ReportingPeriod> fin = calendar.periods(Frequency.FINAL_REVIEW_10Y, 2023, 2030, OFFSETS);
        assertThat(fin).extracting(ReportingPeriod::id).containsExactly("2023-2030");
        assertThat(fin.get(0).cutOffEnd()).isEqualTo(d(2030, 12, 14));

        assertThat(calendar.periods(Frequency.INTERIM_REVIEW_5Y, 2021, 2030, OFFSETS))
                .extracting(ReportingPeriod::id).containsExactly("2021-2025", "2026-2030");
        assertThat(calendar.periods(Frequency.AD_HOC, 2024, 2030, OFFSETS)).isEmpty();
    }

    @Test
    void anAdHocProgrammeHasTheRequestedPeriodsWithTheirDeadlines() {
        List<ReportingPeriod> periods = calendar.periods(Frequency.AD_HOC, 2024, 2030, OFFSETS, List.of(
                new AdHocPeriod("2025-DOT1", new CutOffWindow(d(2025, 1, 1), d(2025, 1, 24)))));
        // Friday 24 January 2025; Tết 2025 (28/1–2/2) lies ahead: +1 Monday 27, +3 Tuesday 4 February
        assertThat(periods).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("2025-DOT1");
            assertThat(p.deadlines()).isEqualTo(Map.of(UnitLevel.COMMUNE, d(2025, 1, 27),
                    UnitLevel.DISTRICT, d(2025, 2, 4), UnitLevel.PROVINCE, d(2025, 2, 6)));
        });
    }

    @Test
    void offsetDeadlinesCountWorkingDaysAfterTheCutOffEnd() {
        // Q2 2025 ends Saturday 14 June: +1 = Monday 16, +3 = Wednesday 18, +5 = Friday 20
        ReportingPeriod q2 = calendar.periods(Frequency.QUARTERLY, 2025, 2025, OFFSETS).get(1);
        assertThat(q2.deadlines()).isEqualTo(Map.of(UnitLevel.COMMUNE, d(2025, 6, 16),
                UnitLevel.DISTRICT, d(2025, 6, 18), UnitLevel.PROVINCE, d(2025, 6, 20)));
        // the interim review window ends Tuesday 14 December 2027
        ReportingPeriod interim = calendar.periods(Frequency.INTERIM_REVIEW_5Y, 2023, 2030, OFFSETS).get(0);
        assertThat(interim.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(d(2027, 12, 15));
        assertThat(interim.deadlines().get(UnitLevel.PROVINCE)).isEqualTo(d(2027, 12, 21));
    }

    @Test
    void deadlinesSkipTet() {
        // January 2025 ends Tuesday 14 January: +1 Wednesday 15
        // Monthly 2025-01 +10 working days: 15,16,17,20,21,22,23,24,27, then Tết 28/1 (eve) .. 2/2 → Monday 3 Feb
        Map<UnitLevel, DeadlineRule> ten = Map.of(UnitLevel.PROVINCE, DeadlineRule.parse("+10"));
        assertThat(calendar.periods(Frequency.MONTHLY, 2025, 2025, ten).get(0).deadlines().get(UnitLevel.PROVINCE))
                .isEqualTo(d(2025, 2, 3));
        // February 2024: window ends Wednesday 14 February 2024, inside Tết (eve 9/2 .. 14/2): +1 = Thursday 15
        Map<UnitLevel, DeadlineRule> one = Map.of(UnitLevel.COMMUNE, DeadlineRule.parse("+1"));
        ReportingPeriod feb2024 = calendar.periods(Frequency.MONTHLY, 2024, 2024, one).get(1);
        assertThat(feb2024.cutOffEnd()).isEqualTo(d(2024, 2, 14));
        assertThat(feb2024.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(d(2024, 2, 15));
        // January 2024 +20 working days from Monday 15 January: the 19th is Thursday 8 February, then Tết 2024
        // (Friday 9 .. Wednesday 14 February) → Thursday 15 February
        Map<UnitLevel, DeadlineRule> twenty = Map.of(UnitLevel.COMMUNE, DeadlineRule.parse("+20"));
        assertThat(calendar.periods(Frequency.MONTHLY, 2024, 2024, twenty).get(0).deadlines().get(UnitLevel.COMMUNE))
                .isEqualTo(d(2024, 2, 15));
        // February 2026 ends Saturday 14 February, the eve of Tết 2026 is Monday 16 February: Tết runs 16–21/2
        ReportingPeriod feb2026 = calendar.periods(Frequency.MONTHLY, 2026, 2026, one).get(1);
        assertThat(feb2026.deadlines().get(UnitLevel.COMMUNE)).isEqualTo(d(2026, 2, 23));
    }

    @Test
    void aMonthDayDeadlineOnAHolidayMovesToTheNextWorkingDay() {
        // an annual deadline 30/4 (Hùng Kings', 30/4, 1/5 of 2025: 7/4, Wed 30/4, Thu 1/5) → Friday 2 May 2025
        Map<UnitLevel, DeadlineRule> rule = Map.of(UnitLevel.PROVINCE, DeadlineRule.parse("04-30"));
        assertThat(calendar.deadlines(d(2025, 12, 14), rule).get(UnitLevel.PROVINCE)).isEqualTo(d(2025, 5, 2));
        // 2/9/2024 was a Monday: 2 and 3 September off → Wednesday 4 September
        Map<UnitLevel, DeadlineRule> national = Map.of(UnitLevel.PROVINCE, DeadlineRule.parse("09-02"));
        assertThat(calendar.deadlines(d(2024, 12, 14), national).get(UnitLevel.PROVINCE)).isEqualTo(d(2024, 9, 4));
    }

    @Test
    void earliestDeadlineIsTheFirstWorkingDayAfterTheCutOffEnd() {
        assertThat(calendar.earliestDeadline(d(2024, 12, 14))).isEqualTo(d(2024, 12, 16));  // Sat → Mon
        assertThat(calendar.earliestDeadline(d(2025, 12, 12))).isEqualTo(d(2025, 12, 15));  // Fri → Mon
        assertThat(calendar.earliestDeadline(d(2024, 2, 8))).isEqualTo(d(2024, 2, 15));     // before Tết 2024
    }

    @Test
    void deadlineRulesParseMonthDaysAndOffsets() {
        assertThat(DeadlineRule.parse("12-10")).isEqualTo(new DeadlineRule.OnMonthDay(java.time.MonthDay.of(12, 10)));
        assertThat(DeadlineRule.parse("+3")).isEqualTo(new DeadlineRule.WorkingDaysAfterCutOff(3));
        assertThat(DeadlineRule.parse("+3").text()).isEqualTo("+3");
        assertThat(DeadlineRule.parse("02-30")).isNull();
        assertThat(DeadlineRule.parse("3")).isNull();
        assertThat(DeadlineRule.parse("12/10")).isNull();
    }
}
