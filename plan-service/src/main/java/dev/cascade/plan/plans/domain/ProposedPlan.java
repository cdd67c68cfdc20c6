package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.plan.validation.Reads;
import dev.cascade.plan.validation.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A plan as submitted for a draft (the body of {@code POST /plans}), not yet validated: every field may be missing
 * or wrong. Its constraints say which shapes are wrong; {@link PlanValidator} adds what breaks a rule of the domain.
 */
public record ProposedPlan(
        @Text(max = 100) String number,
        @Text(max = ProposedPlan.LONG_TEXT) String title,
        @Text(max = 20) String issuerUnitCode,
        @Reads(LocalDate.class) String issueDate,
        List<@Text(max = ProposedPlan.LONG_TEXT) String> basis,
        @NotNull(message = REQUIRED) @Min(value = FIRST_YEAR, message = YEAR) @Max(value = LAST_YEAR, message = YEAR)
        Integer horizonStart,
        @NotNull(message = REQUIRED) @Min(value = FIRST_YEAR, message = YEAR) @Max(value = LAST_YEAR, message = YEAR)
        Integer horizonEnd,
        List<@NotNull(message = NOT_NULL) @Valid ProposedTarget> targets,
        List<@NotNull(message = NOT_NULL) @Valid ProposedTask> tasks,
        @NotNull(message = REQUIRED) @Valid ProposedProgramme programme,
        @NotEmpty(message = "must name at least one unit") List<String> reportingUnits) {

    static final int LONG_TEXT = 2000;
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final String REQUIRED = "is required";
    static final String NOT_NULL = "must not be null";
    static final String YEAR = "must be a year between 2000 and 2100";

    /** A target as submitted; {@code comparator} is AT_LEAST, AT_MOST or RANGE. */
    public record ProposedTarget(
            @Text(max = 64) String indicator,
            @NotNull(message = REQUIRED) @Min(value = FIRST_YEAR, message = YEAR)
            @Max(value = LAST_YEAR, message = YEAR) Integer year,
            @Reads(TargetComparator.class) String comparator,
            @NotNull(message = REQUIRED) @DecimalMin(value = "0", message = "must not be negative") BigDecimal value,
            BigDecimal upper) {
    }

    /** A task as submitted. */
    public record ProposedTask(
            @Text(max = 20) String number,
            @Text(max = LONG_TEXT) String title,
            @Text(max = 20) String leadUnit,
            List<String> cooperatingUnits) {
    }

    /**
     * A reporting programme as submitted.
     *
     * @param deadlines level ({@code COMMUNE}, {@code DISTRICT}, {@code PROVINCE}, {@code MINISTRY}) to month-day
     *                  {@code MM-dd} in the year the cut-off window ends (annual) or {@code +N} working days after it
     * @param adHocPeriods for an AD_HOC programme, the periods requested (added later by amendment)
     */
    public record ProposedProgramme(
            @Text(max = 64, pattern = "[A-Z0-9][A-Z0-9_-]{0,63}",
                    patternMessage = "must be upper-case letters, digits, '-' or '_' (e.g. HD-GDNN-ANNUAL)") String code,
            @Text(max = LONG_TEXT) String title,
            @Reads(Frequency.class) String frequency,
            @NotEmpty(message = "must name at least one indicator") List<String> indicators,
            @NotEmpty(message = "must name at least one section") List<@Text(max = LONG_TEXT) String> outline,
            @NotEmpty(message = "must give each reporting level's deadline: MM-dd (annual) or +N working days after"
                    + " the cut-off end") Map<String, String> deadlines,
            List<@NotNull(message = NOT_NULL) @Valid ProposedAdHocPeriod> adHocPeriods) {

        public ProposedProgramme(String code, String title, String frequency, List<String> indicators,
                                 List<String> outline, Map<String, String> deadlines) {
            this(code, title, frequency, indicators, outline, deadlines, null);
        }
    }

    /** A period of an AD_HOC programme: an id such as {@code 2025-DOT1} and its cut-off window (yyyy-MM-dd). */
    public record ProposedAdHocPeriod(
            @Text(max = 32, pattern = "[A-Za-z0-9][A-Za-z0-9-]{0,31}",
                    patternMessage = "must be letters, digits or '-' (e.g. 2025-DOT1)") String id,
            @Reads(LocalDate.class) String cutOffStart,
            @Reads(LocalDate.class) String cutOffEnd) {
    }
}
