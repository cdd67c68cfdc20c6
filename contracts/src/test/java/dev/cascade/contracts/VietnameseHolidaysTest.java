package dev.cascade.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseHolidaysTest {

    static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    /** The published dates of Tết; the new moon of 2 February 2030 is at 23:07 in Hanoi, 00:07 on 3 February in Beijing. */
    @ParameterizedTest
    @ValueSource(strings = {"2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10",
            "2025-01-29", "2026-02-17", "2027-02-06", "2030-02-02"})
    void tetFallsOnThePublishedDates(LocalDate tet) {
        assertThat(LunarCalendar.tet(tet.getYear())).isEqualTo(tet);
    }

    @Test
    void vietnamAtUtcPlus7DiffersFromChinaIn1985() {
        // the Chinese New Year (UTC+8) was 20 February 1985; Vietnam's Tết (UTC+7) was 21 January 1985
        assertThat(LunarCalendar.tet(1985)).isEqualTo(d(1985, 1, 21));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-04-29", "2024-04-18", "2025-04-07", "2026-04-26"})
    void hungKingsDayIsThe10thOfTheThirdLunarMonth(LocalDate hungKingsDay) {
        assertThat(LunarCalendar.hungKingsDay(hungKingsDay.getYear())).isEqualTo(hungKingsDay);
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
