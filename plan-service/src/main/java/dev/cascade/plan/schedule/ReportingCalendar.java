package dev.cascade.plan.schedule;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a programme's reporting periods under Decree 09/2019/NĐ-CP: each period's cut-off window and, for each
 * level, its deadline (the programme's month-day in the year the cut-off ends, moved to the next working day).
 */
public final class ReportingCalendar {

    private static final Set<Frequency> SUPPORTED = Set.of(Frequency.ANNUAL);

    private final WorkingDays workingDays;

    public ReportingCalendar(WorkingDays workingDays) {
        this.workingDays = workingDays;
    }

    public static boolean supports(Frequency frequency) {
        return SUPPORTED.contains(frequency);
    }

    /**
     * The periods of the years {@code fromYear}..{@code toYear}, in order.
     *
     * @throws UnsupportedOperationException for a frequency not computed yet (only {@link Frequency#ANNUAL} is)
     */
    public List<ReportingPeriod> periods(Frequency frequency, int fromYear, int toYear,
                                         Map<UnitLevel, MonthDay> deadlines) {
        if (!supports(frequency)) {
            throw new UnsupportedOperationException("periods of frequency " + frequency + " are not computed yet");
        }
        if (toYear < fromYear) {
            throw new IllegalArgumentException("horizon ends before it starts: " + fromYear + ".." + toYear);
        }
        List<ReportingPeriod> periods = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            CutOffWindow window = CutOffWindow.annual(year);
            periods.add(new ReportingPeriod(Integer.toString(year), window.start(), window.end(),
                    deadlinesIn(window.end().getYear(), deadlines)));
        }
        return periods;
    }

    /** The deadline of each level: its month-day in {@code year}, on a working day. */
    public Map<UnitLevel, LocalDate> deadlinesIn(int year, Map<UnitLevel, MonthDay> deadlines) {
        Map<UnitLevel, LocalDate> result = new EnumMap<>(UnitLevel.class);
        deadlines.forEach((level, monthDay) -> result.put(level, workingDays.onOrAfter(monthDay.atYear(year))));
        return result;
    }
}
