package dev.cascade.aggregation.plan;

import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.Target;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;
import java.util.Optional;

/**
 * What this service keeps of an issued plan (highest version): its issuer and targets, its programme's data form
 * (the aggregation rules) and periods, and the units that must report.
 */
@Document(PlanCopy.COLLECTION)
public record PlanCopy(@Id String planId, long version, String issuerUnitCode, String programme,
                       List<IndicatorDefinition> dataForm, List<PeriodWindow> periods, List<Target> targets,
                       List<String> reportingUnits) {

    public static final String COLLECTION = "plans";

    public PlanCopy {
        dataForm = List.copyOf(dataForm);
        periods = List.copyOf(periods);
        targets = List.copyOf(targets);
        // absent when read without them (PlanCopies.issuedBy)
        reportingUnits = reportingUnits == null ? List.of() : List.copyOf(reportingUnits);
    }

    public static PlanCopy of(PlanIssued plan) {
        return new PlanCopy(plan.planId(), plan.version(), plan.issuerUnitCode(), plan.programme().code(),
                plan.programme().dataForm(), plan.programme().periods().stream().map(PeriodWindow::of).toList(),
                plan.targets(), plan.reportingUnits());
    }

    public Optional<PeriodWindow> period(String id) {
        return periods.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
