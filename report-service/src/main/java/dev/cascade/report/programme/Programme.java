package dev.cascade.report.programme;

import java.time.LocalDate;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.ReportingPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A reporting programme as the plan that issued it declared it: what is reported (data form, narrative outline),
 * the periods with their cut-off windows and per-level deadlines, and the units that must report. Identified by
 * its code, which is what a report names.
 *
 * @param planVersion    the version of the plan this copy comes from
 * @param taskNumbers    the numbers of the plan's tasks
 * @param openedPeriods  periods whose obligations have been opened (their expected reporters are then frozen)
 * @param revokedOn      the day the plan was revoked (no report is taken under it any more), or {@code null}
 */
public record Programme(String id, String planId, long planVersion, String title, Frequency frequency,
                        List<IndicatorDefinition> dataForm, List<String> outline, List<ReportingPeriod> periods,
                        List<String> reportingUnits, List<String> taskNumbers, List<String> openedPeriods,
                        LocalDate revokedOn) {

    public Programme {
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
