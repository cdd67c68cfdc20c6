package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.Target;

import java.time.LocalDate;
import java.util.List;

/** What a plan says, validated: identification, basis, horizon, targets, tasks, programme and reporting units. */
public record PlanContent(String number, String title, String issuerUnitCode, LocalDate issueDate, List<String> basis,
                          int horizonStart, int horizonEnd, List<Target> targets, List<PlanTask> tasks,
                          Programme programme, List<String> reportingUnits) {

    public PlanContent {
        basis = List.copyOf(basis);
        targets = List.copyOf(targets);
        tasks = List.copyOf(tasks);
        reportingUnits = List.copyOf(reportingUnits);
    }

    public String planId() {
        return PlanId.of(issuerUnitCode, issueDate, number);
    }
}
