package dev.cascade.plan.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Which days are working days for reporting deadlines. For now Monday to Friday; public holidays (Tết, 30/4, 1/5,
 * 2/9, Giỗ Tổ) and compensatory days belong here too, so that every deadline rule asks this one class.
 */
public final class WorkingDays {

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The day itself if it is a working day, otherwise the next working day after it. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }
}
