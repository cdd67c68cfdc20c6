package dev.cascade.plan.schedule;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days whose data a periodic report covers (Decree 09/2019/NĐ-CP Art. 12), both ends inclusive. Every window
 * starts on the 15th of a month and ends on the 14th.
 */
public record CutOffWindow(LocalDate start, LocalDate end) {

    public CutOffWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("cut-off window ends before it starts: " + start + ".." + end);
        }
    }

    /** Month {@code month} of {@code year}: the 15th of the previous month to the 14th of the month. */
    public static CutOffWindow monthly(int year, int month) {
        LocalDate end = LocalDate.of(year, month, 14);
        return new CutOffWindow(end.minusMonths(1).plusDays(1), end);
    }

    /** Quarter {@code quarter} (1–4): the 15th of the month before the quarter to the 14th of its last month. */
    public static CutOffWindow quarterly(int year, int quarter) {
        check(quarter, 4, "quarter");
        return endingIn(year, quarter * 3, 3);
    }

    /** Half {@code half} (1–2): 15/12 of the previous year to 14/6, and 15/6 to 14/12. */
    public static CutOffWindow sixMonthly(int year, int half) {
        check(half, 2, "half");
        return endingIn(year, half * 6, 6);
    }

    /** The first nine months: 15/12 of the previous year to 14/9 (a window some provinces add). */
    public static CutOffWindow nineMonthly(int year) {
        return endingIn(year, 9, 9);
    }

    /** Annual report of {@code year}: 15 December of the previous year to 14 December of the year. */
    public static CutOffWindow annual(int year) {
        return endingIn(year, 12, 12);
    }

    /** Several whole years, {@code fromYear} to {@code toYear} (a 5-year interim or a 10-year final review). */
    public static CutOffWindow years(int fromYear, int toYear) {
        return new CutOffWindow(LocalDate.of(fromYear - 1, 12, 15), LocalDate.of(toYear, 12, 14));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** The window of {@code months} months ending on the 14th of {@code endMonth} of {@code year}. */
    private static CutOffWindow endingIn(int year, int endMonth, int months) {
        LocalDate end = LocalDate.of(year, endMonth, 14);
        return new CutOffWindow(end.minusMonths(months).plusDays(1), end);
    }

    private static void check(int value, int max, String what) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + ": " + value);
        }
    }
}
