package dev.cascade.contracts.events;

import java.time.LocalDate;
import java.util.List;

/**
 * A plan as issued: its targets, tasks, the programme under which units report and the units that must report.
 * Keyed by {@link #planId()}.
 *
 * @param basis         the documents the plan implements: plan ids in Cascade or external numbers
 * @param reportingUnits codes of the units that owe a report for every period of the programme, as the plan names
 *                       them
 * @param successions    where the role of a reporting unit or of the issuer passes to other units from a day on
 *                       (the 2025 reform): see {@link Successions}. Optional, added within v1: absent reads as empty
 */
public record PlanIssued(String planId, String number, String title, String issuerUnitCode, LocalDate issueDate,
                         List<String> basis, int horizonStart, int horizonEnd, List<Target> targets,
                         List<PlanTask> tasks, ReportingProgramme programme, List<String> reportingUnits,
                         long version, List<ReportingSuccession> successions) {

    public PlanIssued {
        basis = basis == null ? List.of() : List.copyOf(basis);
        targets = targets == null ? List.of() : List.copyOf(targets);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        reportingUnits = reportingUnits == null ? List.of() : List.copyOf(reportingUnits);
        successions = successions == null ? List.of() : List.copyOf(successions);
    }

    /** A plan whose units need no succession. */
    public PlanIssued(String planId, String number, String title, String issuerUnitCode, LocalDate issueDate,
                      List<String> basis, int horizonStart, int horizonEnd, List<Target> targets,
                      List<PlanTask> tasks, ReportingProgramme programme, List<String> reportingUnits,
                      long version) {
        this(planId, number, title, issuerUnitCode, issueDate, basis, horizonStart, horizonEnd, targets, tasks,
                programme, reportingUnits, version, List.of());
    }

    /** Who owes the report for a period whose hierarchy is that of {@code day} (its cut-off end). */
    public List<PeriodReporter> reportersOn(LocalDate day) {
        return Successions.reporters(reportingUnits, issuerUnitCode, successions, day);
    }

    /** The unit holding the issuer's role on {@code day}. */
    public String issuerOn(LocalDate day) {
        return Successions.unitOn(issuerUnitCode, successions, day);
    }
}
