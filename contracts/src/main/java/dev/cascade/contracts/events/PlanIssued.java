package dev.cascade.contracts.events;

import java.time.LocalDate;
import java.util.List;

/**
 * A plan as issued: its targets, tasks, the programme under which units report and the units that must report.
 * Keyed by {@link #planId()}.
 *
 * @param basis         the documents the plan implements: plan ids in Cascade or external numbers
 * @param reportingUnits codes of the units that owe a report for every period of the programme
 */
public record PlanIssued(String planId, String number, String title, String issuerUnitCode, LocalDate issueDate,
                         List<String> basis, int horizonStart, int horizonEnd, List<Target> targets,
                         List<PlanTask> tasks, ReportingProgramme programme, List<String> reportingUnits,
                         long version) {

    public PlanIssued {
        basis = basis == null ? List.of() : List.copyOf(basis);
        targets = targets == null ? List.of() : List.copyOf(targets);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        reportingUnits = reportingUnits == null ? List.of() : List.copyOf(reportingUnits);
    }
}
