package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.schedule.AdHocPeriod;
import dev.cascade.plan.schedule.DeadlineRule;
import dev.cascade.plan.schedule.ReportingCalendar;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each level's rule ({@code MM-dd} for annual programmes, {@code +N} working days after the cut-off for any), the
 * levels' order up the ladder, and Decree 09 Art. 8.5 (at least one working day between the cut-off end and the
 * deadline): a refusal for PROVINCE and MINISTRY, the levels that report on to the Government (Art. 13); a warning
 * for the levels below, whose internal deadlines the seeds set before the cut-off end (seed 001: communes by 10/12,
 * cut-off 14/12).
 */
final class Deadlines {

    private static final List<UnitLevel> LADDER =
            List.of(UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE, UnitLevel.MINISTRY);
    /** The ladder, then agencies (their deadline is checked against the cut-off, not against the ladder's order). */
    private static final List<UnitLevel> CHECKED =
            List.of(UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE, UnitLevel.MINISTRY, UnitLevel.AGENCY);

    private final ReportingCalendar calendar;

    Deadlines(ReportingCalendar calendar) {
        this.calendar = calendar;
    }

    /** The rules by level, or null when any is refused. */
    Map<UnitLevel, DeadlineRule> read(PlanCheck check, Map<String, String> proposed, Frequency frequency,
                                      Integer start, Integer end, List<AdHocPeriod> adHoc) {
        if (!check.sound("programme.deadlines")) {
            return null;
        }
        Map<UnitLevel, DeadlineRule> result = new EnumMap<>(UnitLevel.class);
        boolean ok = true;
        for (Map.Entry<String, String> entry : proposed.entrySet()) {
            DeadlineRule rule = rule(check, entry.getKey(), entry.getValue(), frequency);
            if (rule == null) {
                ok = false;
            } else {
                result.put(UnitLevel.valueOf(entry.getKey().trim()), rule);
            }
        }
        if (!ok || frequency == null || start == null || end == null || end < start) {
            return ok ? result : null;
        }
        return inOrder(check, calendar.periods(frequency, start, end, result, adHoc)) ? result : null;
    }

    /** One level's rule, or null (and a violation) when the level or its rule is refused. */
    private static DeadlineRule rule(PlanCheck check, String key, String value, Frequency frequency) {
        String f = "programme.deadlines." + key;
        if (key == null || Arrays.stream(UnitLevel.values()).noneMatch(level -> level.name().equals(key.trim()))) {
            check.fail(f, "unknown level " + key + "; levels: " + Arrays.toString(UnitLevel.values()));
            return null;
        }
        DeadlineRule rule = DeadlineRule.parse(value);
        if (rule == null) {
            check.fail(f, "must be a month-day MM-dd such as 12-10 or +N working days after the cut-off end such"
                    + " as +3, not " + value);
        } else if (rule instanceof DeadlineRule.OnMonthDay && frequency != null
                && !ReportingCalendar.acceptsMonthDay(frequency)) {
            check.fail(f, "a month-day deadline only fits ANNUAL programmes; give +N working days after the"
                    + " cut-off end for " + frequency);
            return null;
        } else if (rule instanceof DeadlineRule.WorkingDaysAfterCutOff offset && offset.days() < 1) {
            check.fail(f, "must be at least +1: Decree 09 Art. 8.5 leaves at least one working day after the"
                    + " cut-off end");
            return null;
        }
        return rule;
    }

    /** Whether every period's deadlines keep the ladder's order and Art. 8.5 (warning below the province). */
    private boolean inOrder(PlanCheck check, List<ReportingPeriod> periods) {
        boolean ok = true;
        Set<UnitLevel> warned = new HashSet<>();
        for (ReportingPeriod period : periods) {
            LocalDate earliest = calendar.earliestDeadline(period.cutOffEnd());
            LocalDate previous = null;
            UnitLevel previousLevel = null;
            for (UnitLevel level : CHECKED) {
                LocalDate day = period.deadlines().get(level);
                if (day == null) {
                    continue;
                }
                String f = "programme.deadlines." + level;
                if (previous != null && LADDER.contains(level) && day.isBefore(previous)) {
                    check.fail(f, "must not be before the " + previousLevel + " deadline (period " + period.id()
                            + ": " + day + " < " + previous + "): each level compiles what the level below sent");
                    return false;
                }
                if (day.isBefore(earliest) && warned.add(level)) {
                    String message = "period " + period.id() + " is due on " + day + ", before " + earliest
                            + ", the first working day after its cut-off end " + period.cutOffEnd()
                            + " (Decree 09 Art. 8.5)";
                    if (level == UnitLevel.PROVINCE || level == UnitLevel.MINISTRY) {
                        check.fail(f, message);
                        ok = false;
                    } else {
                        check.warn(f, message + "; accepted for a level below the province");
                    }
                }
                if (LADDER.contains(level)) {
                    previous = day;
                    previousLevel = level;
                }
            }
        }
        return ok;
    }
}
