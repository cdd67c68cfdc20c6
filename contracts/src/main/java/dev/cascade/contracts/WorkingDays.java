package dev.cascade.contracts;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which days are working days for reporting deadlines: Monday to Friday except Vietnam's public holidays (Labour
 * Code 2019, Art. 112), computed per year:
 * <ul>
 *   <li>New Year 1/1; Victory Day 30/4; Labour Day 1/5; Hùng Kings' day 10/3 lunar;</li>
 *   <li>National Day 2/9 and one adjacent day (the Government picks it each year; rule used: 1/9 when 2/9 is a
 *       Tuesday or a Saturday, so the holiday joins a weekend, otherwise 3/9);</li>
 *   <li>Tết: the official span differs each year; rule used: the eve (the last day of the old lunar year) through
 *       the 5th day of the first lunar month (6 days, covering the Code's 5 days and the usual extension);</li>
 *   <li>a single-day holiday (or a 2/9 day) that falls on a Saturday or Sunday gives a compensatory day off on the
 *       next day that is neither a weekend nor a holiday (Art. 112.3). Tết's span already includes its weekend.</li>
 * </ul>
 */
public final class WorkingDays {

    private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

    public boolean isWorkingDay(LocalDate day) {
        return !isWeekend(day) && !holidays(day.getYear()).contains(day);
    }

    public boolean isPublicHoliday(LocalDate day) {
        return holidays(day.getYear()).contains(day);
    }

    /** The day itself if it is a working day, otherwise the next working day after it. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The {@code n}-th working day after {@code day} ({@code n} ≥ 1). */
    public LocalDate workingDaysAfter(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        LocalDate d = day;
        for (int i = 0; i < n; i++) {
            d = onOrAfter(d.plusDays(1));
        }
        return d;
    }

    /** The public holidays (days off) of a year, compensatory days included, in order. */
    public Set<LocalDate> holidays(int year) {
        return holidaysByYear.computeIfAbsent(year, WorkingDays::compute);
    }

    private static Set<LocalDate> compute(int year) {
        TreeSet<LocalDate> days = new TreeSet<>();
        LocalDate tet = LunarCalendar.tet(year);
        for (LocalDate d = tet.minusDays(1); !d.isAfter(tet.plusDays(4)); d = d.plusDays(1)) {
            days.add(d);
        }
        // Tết falls between 21 January and 20 February, so its span stays inside its year
        LocalDate nationalDay = LocalDate.of(year, 9, 2);
        LocalDate nationalDaySecond = nationalDay.getDayOfWeek() == DayOfWeek.TUESDAY
                || nationalDay.getDayOfWeek() == DayOfWeek.SATURDAY ? nationalDay.minusDays(1) : nationalDay.plusDays(1);
        LocalDate[] single = {LocalDate.of(year, 1, 1), LunarCalendar.hungKingsDay(year), LocalDate.of(year, 4, 30),
                LocalDate.of(year, 5, 1), nationalDay, nationalDaySecond};
        for (LocalDate d : single) {
            days.add(d);
        }
        for (LocalDate d : single) {
            if (isWeekend(d)) {
                LocalDate compensation = d.plusDays(1);
                while (isWeekend(compensation) || days.contains(compensation)) {
                    compensation = compensation.plusDays(1);
                }
                days.add(compensation);
            }
        }
        return Collections.unmodifiableSet(days);
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }
}
