package dev.cascade.plan.schedule;

import dev.cascade.contracts.WorkingDays;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a programme's reporting periods under Decree 09/2019/NĐ-CP: each period's id, its cut-off window
 * (Art. 12) and, for each level, its deadline from the level's {@link DeadlineRule} (always a working day).
 *
 * <p>Period ids: MONTHLY {@code 2024-03}, QUARTERLY {@code 2024-Q1}, SIX_MONTHLY {@code 2024-H1},
 * NINE_MONTHLY {@code 2024-9M}, ANNUAL {@code 2024}, INTERIM_REVIEW_5Y {@code 2023-2027} (each whole block of five
 * horizon years), FINAL_REVIEW_10Y {@code 2023-2030} (blocks of ten horizon years, the last one cut at the horizon's
 * end). AD_HOC programmes have no computed periods: their periods are requested one by one ({@link AdHocPeriod}).
 */
public final class ReportingCalendar {

    private final WorkingDays workingDays;

    public ReportingCalendar(WorkingDays workingDays) {
        this.workingDays = workingDays;
    }

    public WorkingDays workingDays() {
        return workingDays;
    }

    /** Whether a month-day deadline ({@code 12-10}) makes sense for the frequency: only for annual periods. */
    public static boolean acceptsMonthDay(Frequency frequency) {
        return frequency == Frequency.ANNUAL;
    }

    /** The periods of the horizon {@code fromYear}..{@code toYear}, in order (none for AD_HOC). */
    public List<ReportingPeriod> periods(Frequency frequency, int fromYear, int toYear,
                                         Map<UnitLevel, DeadlineRule> deadlines) {
        return periods(frequency, fromYear, toYear, deadlines, List.of());
    }

    /** The periods of the horizon, in order; for AD_HOC the requested ones, in the order given. */
    public List<ReportingPeriod> periods(Frequency frequency, int fromYear, int toYear,
                                         Map<UnitLevel, DeadlineRule> deadlines, List<AdHocPeriod> adHoc) {
        if (toYear < fromYear) {
            throw new IllegalArgumentException("horizon ends before it starts: " + fromYear + ".." + toYear);
        }
        List<ReportingPeriod> periods = new ArrayList<>();
        List<Map.Entry<String, CutOffWindow>> windows = frequency == Frequency.AD_HOC
                ? adHoc.stream().map(a -> Map.entry(a.id(), a.window())).toList()
                : windows(frequency, fromYear, toYear);
        for (Map.Entry<String, CutOffWindow> w : windows) {
            periods.add(new ReportingPeriod(w.getKey(), w.getValue().start(), w.getValue().end(),
                    deadlines(w.getValue().end(), deadlines)));
        }
        return periods;
    }

    /** The period ids and cut-off windows of the horizon, in order. */
    public static List<Map.Entry<String, CutOffWindow>> windows(Frequency frequency, int fromYear, int toYear) {
        List<Map.Entry<String, CutOffWindow>> windows = new ArrayList<>();
        switch (frequency) {
            case MONTHLY -> {
                for (int y = fromYear; y <= toYear; y++) {
                    for (int m = 1; m <= 12; m++) {
                        windows.add(Map.entry(String.format("%d-%02d", y, m), CutOffWindow.monthly(y, m)));
                    }
                }
            }
            case QUARTERLY -> {
                for (int y = fromYear; y <= toYear; y++) {
                    for (int q = 1; q <= 4; q++) {
                        windows.add(Map.entry(y + "-Q" + q, CutOffWindow.quarterly(y, q)));
                    }
                }
            }
            case SIX_MONTHLY -> {
                for (int y = fromYear; y <= toYear; y++) {
                    windows.add(Map.entry(y + "-H1", CutOffWindow.sixMonthly(y, 1)));
                    windows.add(Map.entry(y + "-H2", CutOffWindow.sixMonthly(y, 2)));
                }
            }
            case NINE_MONTHLY -> {
                for (int y = fromYear; y <= toYear; y++) {
                    windows.add(Map.entry(y + "-9M", CutOffWindow.nineMonthly(y)));
                }
            }
            case ANNUAL -> {
                for (int y = fromYear; y <= toYear; y++) {
                    windows.add(Map.entry(Integer.toString(y), CutOffWindow.annual(y)));
                }
            }
            case INTERIM_REVIEW_5Y -> {
                for (int y = fromYear; y + 4 <= toYear; y += 5) {
                    windows.add(Map.entry(y + "-" + (y + 4), CutOffWindow.years(y, y + 4)));
                }
            }
            case FINAL_REVIEW_10Y -> {
                for (int y = fromYear; y <= toYear; y += 10) {
                    int end = Math.min(y + 9, toYear);
                    windows.add(Map.entry(y + "-" + end, CutOffWindow.years(y, end)));
                }
            }
            case AD_HOC -> {
                // requested one by one, not computed
            }
        }
        return windows;
    }

    /** The deadline of each level for a period whose cut-off window ends on {@code cutOffEnd}. */
    public Map<UnitLevel, LocalDate> deadlines(LocalDate cutOffEnd, Map<UnitLevel, DeadlineRule> rules) {
        Map<UnitLevel, LocalDate> result = new EnumMap<>(UnitLevel.class);
        rules.forEach((level, rule) -> result.put(level, rule.deadline(cutOffEnd, workingDays)));
        return result;
    }

    /**
     * The earliest deadline Decree 09 Art. 8.5 allows after a cut-off window: at least one working day between the
     * end of the cut-off and the deadline, i.e. the first working day after {@code cutOffEnd}.
     */
    public LocalDate earliestDeadline(LocalDate cutOffEnd) {
        return workingDays.workingDaysAfter(cutOffEnd, 1);
    }
}
