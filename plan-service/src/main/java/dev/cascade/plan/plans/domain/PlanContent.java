package dev.cascade.plan.plans.domain;

import dev.cascade.plan.validation.Violation;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.Target;

import java.time.LocalDate;
import java.util.List;

/**
 * What a plan says, validated: identification, basis, horizon, targets, tasks, programme and reporting units.
 *
 * @param warnings what the validator accepted but points out (a lower level's deadline before its cut-off end)
 */
public record PlanContent(String number, String title, String issuerUnitCode, LocalDate issueDate, List<String> basis,
                          int horizonStart, int horizonEnd, List<Target> targets, List<PlanTask> tasks,
                          Programme programme, List<String> reportingUnits, List<Violation> warnings) {

    public PlanContent {
        basis = List.copyOf(basis);
        targets = List.copyOf(targets);
        tasks = List.copyOf(tasks);
        reportingUnits = List.copyOf(reportingUnits);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public String planId() {
        return PlanId.of(issuerUnitCode, issueDate, number);
    }
}
