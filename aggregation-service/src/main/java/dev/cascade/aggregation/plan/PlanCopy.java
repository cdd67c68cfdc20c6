package dev.cascade.aggregation.plan;

import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.Successions;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.PeriodReporter;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What this service keeps of an issued plan (highest version): its issuer and targets, its programme's data form
 * (the aggregation rules) and periods, the units that must report and where their roles (and the issuer's) pass
 * across the 2025 reform, and whether it was revoked.
 *
 * @param successions as the plan carries them ({@code PlanIssued.successions}), days as ISO strings; empty in copies
 *                    stored before the field existed
 * @param revokedOn   the day from which the plan no longer applies ({@code cascade.plan.revoked}), ISO; {@code null}
 *                    while it is in force
 */
@Document(PlanCopy.COLLECTION)
public record PlanCopy(@Id String planId, long version, String issuerUnitCode, String programme,
                       List<IndicatorDefinition> dataForm, List<PeriodWindow> periods, List<Target> targets,
                       List<String> reportingUnits, List<Succession> successions, String revokedOn) {

    public static final String COLLECTION = "plans";

    public PlanCopy {
        dataForm = List.copyOf(dataForm);
        periods = List.copyOf(periods);
        targets = List.copyOf(targets);
        // absent when read without them (PlanCopies' snapshot)
        reportingUnits = reportingUnits == null ? List.of() : List.copyOf(reportingUnits);
        successions = successions == null ? List.of() : List.copyOf(successions);
    }

    public static PlanCopy of(PlanIssued plan) {
        return new PlanCopy(plan.planId(), plan.version(), plan.issuerUnitCode(), plan.programme().code(),
                plan.programme().dataForm(), plan.programme().periods().stream().map(PeriodWindow::of).toList(),
                plan.targets(), plan.reportingUnits(), plan.successions().stream().map(Succession::of).toList(),
                null);
    }

    public Optional<PeriodWindow> period(String id) {
        return periods.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The units owing the report of a period whose hierarchy is that of {@code day} (its cut-off end), after
     * succession: a reporting unit merged away by then is replaced by the units that took it over (see
     * {@link Successions#reporters}).
     */
    public List<String> reportersOn(LocalDate day) {
        return Successions.reporters(reportingUnits, issuerUnitCode, successionRules(), day).stream()
                .map(PeriodReporter::unitCode).toList();
    }

    /** The unit holding the issuer's role on {@code day} (the province, for a district's plan after the reform). */
    public String issuerOn(LocalDate day) {
        return Successions.unitOn(issuerUnitCode, successionRules(), day);
    }

    /**
     * Every unit that holds the issuer's role on some day: the issuer, and its successor from each day a succession
     * begins (the role changes on no other day).
     */
    public List<String> issuerHolders() {
        List<ReportingSuccession> rules = successionRules();
        java.util.Set<String> holders = new java.util.LinkedHashSet<>();
        holders.add(issuerUnitCode);
        // once per distinct day: a national plan after the 2025 reform has some 10,000 successions, nearly all
        // beginning on 1 July 2025, and each look-up reads them all
        rules.stream().map(ReportingSuccession::from).distinct()
                .forEach(day -> holders.add(Successions.unitOn(issuerUnitCode, rules, day)));
        return List.copyOf(holders);
    }

    public boolean revoked() {
        return revokedOn != null;
    }

    public List<ReportingSuccession> successionRules() {
        return successions.stream().map(Succession::rule).toList();
    }

    /** A {@link ReportingSuccession} as kept in the store (its day as an ISO string, never shifted by a zone). */
    public record Succession(String unitCode, String from, SuccessionReason reason, List<SuccessorUnit> successors,
                             String basis) {

        public Succession {
            successors = successors == null ? List.of() : List.copyOf(successors);
        }

        static Succession of(ReportingSuccession s) {
            return new Succession(s.unitCode(), s.from().toString(), s.reason(), s.successors(), s.basis());
        }

        ReportingSuccession rule() {
            return new ReportingSuccession(unitCode, LocalDate.parse(from), reason, successors, basis);
        }
    }
}
