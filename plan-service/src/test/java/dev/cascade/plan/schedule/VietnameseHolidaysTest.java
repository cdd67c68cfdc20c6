package dev.cascade.plan.schedule;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseHolidaysTest {

    static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    @Test
    void tetFallsOnThePublishedDates() {
        assertThat(LunarCalendar.tet(2019)).isEqualTo(d(2019, 2, 5));
        assertThat(LunarCalendar.tet(2020)).isEqualTo(d(2020, 1, 25));
        assertThat(LunarCalendar.tet(2021)).isEqualTo(d(2021, 2, 12));
        assertThat(LunarCalendar.tet(2022)).isEqualTo(d(2022, 2, 1));
        assertThat(LunarCalendar.tet(2023)).isEqualTo(d(2023, 1, 22));
        assertThat(LunarCalendar.tet(2024)).isEqualTo(d(2024, 2, 10));
        assertThat(LunarCalendar.tet(2025)).isEqualTo(d(2025, 1, 29));
        assertThat(LunarCalendar.tet(2026)).isEqualTo(d(2026, 2, 17));
        assertThat(LunarCalendar.tet(2027)).isEqualTo(d(2027, 2, 6));
        // the new moon of 2 February 2030 is at 23:07 in Hanoi, 00:07 on 3 February in Beijing
        assertThat(LunarCalendar.tet(2030)).isEqualTo(d(2030, 2, 2));
    }

    @Test
    void vietnamAtUtcPlus7DiffersFromChinaIn1985() {
        // the Chinese New Year (UTC+8) was 20 February 1985; Vietnam's Tết (UTC+7) was 21 January 1985
        assertThat(LunarCalendar.tet(1985)).isEqualTo(d(1985, 1, 21));
    }

    @Test
    void hungKingsDayIsThe10thOfTheThirdLunarMonth() {
        assertThat(LunarCalendar.hungKingsDay(2023)).isEqualTo(d(2023, 4, 29));
        assertThat(LunarCalendar.hungKingsDay(2024)).isEqualTo(d(2024, 4, 18));
        assertThat(LunarCalendar.hungKingsDay(2025)).isEqualTo(d(2025, 4, 7));
        assertThat(LunarCalendar.hungKingsDay(2026)).isEqualTo(d(2026, 4, 26));
    }

    @Test
    void tetIsAlwaysANewMoonBetween21JanuaryAnd20FebruaryFrom2000To2100() {
        for (int year = 2000; year <= 2100; year++) {
            LocalDate tet = LunarCalendar.tet(year);
            assertThat(tet).isBetween(d(year, 1, 21), d(year, 2, 20));
            if (year > 2000) {
                long days = LunarCalendar.julianDay(tet) - LunarCalendar.julianDay(LunarCalendar.tet(year - 1));
                assertThat(days).as("lunar year %d", year - 1).isIn(354L, 355L, 383L, 384L, 385L, 353L);
            }
            LocalDate hung = LunarCalendar.hungKingsDay(year);
            assertThat(hung.getMonth()).isIn(Month.MARCH, Month.APRIL, Month.MAY);
        }
    }

    @Test
    void tetSpanIsTheEveThroughTheFifthDay() {
        WorkingDays days = new WorkingDays();
        // Tết 2025: Wednesday 29 January; span Tuesday 28 January .. Sunday 2 February
        assertThat(days.isWorkingDay(d(2025, 1, 27))).isTrue();
        for (LocalDate day = d(2025, 1, 28); !day.isAfter(d(2025, 2, 2)); day = day.plusDays(1)) {
            assertThat(days.isPublicHoliday(day)).as(day.toString()).isTrue();
        }
        assertThat(days.isWorkingDay(d(2025, 2, 3))).isTrue();
        // Tết 2024: Saturday 10 February; span Friday 9 .. Wednesday 14 February
        assertThat(days.isWorkingDay(d(2024, 2, 8))).isTrue();
        assertThat(days.isWorkingDay(d(2024, 2, 9))).isFalse();
        assertThat(days.isWorkingDay(d(2024, 2, 14))).isFalse();
        assertThat(days.isWorkingDay(d(2024, 2, 15))).isTrue();
    }

    @Test
    void aHolidayOnAWeekendGivesTheNextWorkingDayOff() {
        WorkingDays days = new WorkingDays();
        // 2023: Hùng Kings' day and 30/4 fell on Saturday and Sunday, 1/5 on Monday → Tuesday 2 and Wednesday 3 May off
        assertThat(days.holidays(2023)).contains(d(2023, 4, 29), d(2023, 4, 30), d(2023, 5, 1), d(2023, 5, 2),
                d(2023, 5, 3));
        assertThat(days.isWorkingDay(d(2023, 5, 4))).isTrue();
        // 1/1/2023 was a Sunday → Monday 2 January off
        assertThat(days.isWorkingDay(d(2023, 1, 2))).isFalse();
        // 2/9/2025 a Tuesday → Monday 1 September with it
        assertThat(days.holidays(2025)).contains(d(2025, 9, 1), d(2025, 9, 2));
        assertThat(d(2025, 9, 2).getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(days.isWorkingDay(d(2025, 9, 3))).isTrue();
    }
}
