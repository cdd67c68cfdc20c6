package dev.cascade.plan.plans.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A plan as submitted for a draft (the body of {@code POST /plans}), not yet validated: every field may be missing
 * or wrong, and {@link PlanValidator} says which.
 */
public record ProposedPlan(String number, String title, String issuerUnitCode, String issueDate, List<String> basis,
                           Integer horizonStart, Integer horizonEnd, List<ProposedTarget> targets,
                           List<ProposedTask> tasks, ProposedProgramme programme, List<String> reportingUnits) {

    /** A target as submitted; {@code comparator} is AT_LEAST, AT_MOST or RANGE. */
    public record ProposedTarget(String indicator, Integer year, String comparator, BigDecimal value,
                                 BigDecimal upper) {
    }

    /** A task as submitted. */
    public record ProposedTask(String number, String title, String leadUnit, List<String> cooperatingUnits) {
    }

    /**
     * A reporting programme as submitted.
     *
     * @param deadlines level ({@code COMMUNE}, {@code DISTRICT}, {@code PROVINCE}, {@code MINISTRY}) to month-day
     *                  {@code MM-dd} in the year the cut-off window ends (annual) or {@code +N} working days after it
     * @param adHocPeriods for an AD_HOC programme, the periods requested (added later by amendment)
     */
    public record ProposedProgramme(String code, String title, String frequency, List<String> indicators,
                                    List<String> outline, Map<String, String> deadlines,
                                    List<ProposedAdHocPeriod> adHocPeriods) {

        public ProposedProgramme(String code, String title, String frequency, List<String> indicators,
                                 List<String> outline, Map<String, String> deadlines) {
            this(code, title, frequency, indicators, outline, deadlines, null);
        }
    }

    /** A period of an AD_HOC programme: an id such as {@code 2025-DOT1} and its cut-off window (yyyy-MM-dd). */
    public record ProposedAdHocPeriod(String id, String cutOffStart, String cutOffEnd) {
    }
}
