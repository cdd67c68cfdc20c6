package dev.cascade.report.programme;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PeriodReporter;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.Successions;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A reporting programme as the plan that issued it declared it: what is reported (data form, narrative outline),
 * the periods with their cut-off windows and per-level deadlines, and the units that must report. Identified by
 * its code, which is what a report names.
 *
 * @param planVersion       the version of the plan this copy comes from (issued 1, amended 2, ..., revoked n)
 * @param taskNumbers       the numbers of the plan's tasks
 * @param openedPeriods     periods whose obligations have been opened (their expected reporters are then frozen,
 *                          until an amendment of the plan changes them)
 * @param revokedOn         the day the plan was revoked (no report is taken under it any more), or {@code null}
 * @param issuerUnitCode    the unit that issued the plan, to which the reports go (its role passes on like the
 *                          reporting units', see {@link Successions})
 * @param successions       where the role of a reporting unit or of the issuer passes to other units from a day on
 * @param obligationsVersion the plan version the opened periods' obligations follow: below {@code planVersion} after
 *                          an amendment or a revocation until the obligations are reconciled with it
 */
public record Programme(String id, String planId, long planVersion, String title, Frequency frequency,
                        List<IndicatorDefinition> dataForm, List<String> outline, List<ReportingPeriod> periods,
                        List<String> reportingUnits, List<String> taskNumbers, List<String> openedPeriods,
                        LocalDate revokedOn, String issuerUnitCode, List<ReportingSuccession> successions,
                        Long obligationsVersion) {

    public Programme {
        successions = nonNull(successions);
        obligationsVersion = obligationsVersion == null ? 0 : obligationsVersion; // kept before amendments counted
        dataForm = nonNull(dataForm);
        outline = nonNull(outline);
        periods = nonNull(periods);
        reportingUnits = nonNull(reportingUnits);
        taskNumbers = nonNull(taskNumbers);
        openedPeriods = nonNull(openedPeriods);
    }

    public String code() {
        return id;
    }

    public Optional<ReportingPeriod> period(String periodId) {
        return periods.stream().filter(p -> p.id().equals(periodId)).findFirst();
    }

    public Optional<IndicatorDefinition> indicator(String code) {
        return dataForm.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /**
     * The units owing the report of {@code period}: the reporting units, or their successors where a succession is in
     * force on the period's cut-off end (the day whose hierarchy governs the period).
     */
    public List<PeriodReporter> reporters(ReportingPeriod period) {
        return Successions.reporters(reportingUnits, issuerUnitCode, successions, period.cutOffEnd());
    }

    /** Whether the obligations of the opened periods still have to follow a newer version of the plan. */
    public boolean obligationsBehind() {
        return obligationsVersion < planVersion;
    }

    public boolean opened(String periodId) {
        return openedPeriods.contains(periodId);
    }

    /** Periods whose cut-off window contains {@code today} and that are not opened yet. */
    public List<ReportingPeriod> periodsToOpenOn(LocalDate today) {
        return periods.stream()
                .filter(p -> !today.isBefore(p.cutOffStart()) && !today.isAfter(p.cutOffEnd()))
                .filter(p -> !opened(p.id()))
                .toList();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
