package dev.cascade.plan.schedule;

import dev.cascade.contracts.WorkingDays;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When one level's report of a period is due, as written in a programme: either a month-day in the year the cut-off
 * window ends ({@code "12-10"}, annual programmes only) or a number of working days after the cut-off end
 * ({@code "+3"}, any frequency). The computed day is always a working day.
 */
public sealed interface DeadlineRule {

    Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");
    Pattern OFFSET = Pattern.compile("\\+(\\d{1,3})");

    /** The deadline of a period whose cut-off window ends on {@code cutOffEnd}. */
    LocalDate deadline(LocalDate cutOffEnd, WorkingDays workingDays);

    /** As written: {@code 12-10} or {@code +3}. */
    String text();

    /** {@code 12-10} → month-day, {@code +3} → 3 working days after the cut-off end; {@code null} if neither. */
    static DeadlineRule parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        Matcher m = MONTH_DAY.matcher(t);
        if (m.matches()) {
            try {
                return new OnMonthDay(MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } catch (DateTimeException e) {
                return null;
            }
        }
        Matcher o = OFFSET.matcher(t);
        if (o.matches()) {
            return new WorkingDaysAfterCutOff(Integer.parseInt(o.group(1)));
        }
        return null;
    }

    /** The month-day in the year the cut-off ends, moved to the next working day. */
    record OnMonthDay(MonthDay day) implements DeadlineRule {

        @Override
        public LocalDate deadline(LocalDate cutOffEnd, WorkingDays workingDays) {
            return workingDays.onOrAfter(day.atYear(cutOffEnd.getYear()));
        }

        @Override
        public String text() {
            return String.format("%02d-%02d", day.getMonthValue(), day.getDayOfMonth());
        }
    }

    /** The {@code days}-th working day after the cut-off end. */
    record WorkingDaysAfterCutOff(int days) implements DeadlineRule {

        public WorkingDaysAfterCutOff {
            if (days < 0) {
                throw new IllegalArgumentException("days must not be negative: " + days);
            }
        }

        @Override
        public LocalDate deadline(LocalDate cutOffEnd, WorkingDays workingDays) {
            return days == 0 ? workingDays.onOrAfter(cutOffEnd) : workingDays.workingDaysAfter(cutOffEnd, days);
        }

        @Override
        public String text() {
            return "+" + days;
        }
    }
}
