package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.Target;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.contracts.WorkingDays;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.validation.Shapes;
import dev.cascade.plan.validation.Violation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Turns a proposed plan into {@link PlanContent}, or refuses it with every {@link Violation} found (each naming its
 * field, e.g. {@code targets[0].indicator}), in the order of the plan's fields: the shape problems of its
 * constraints ({@link ProposedPlan}) and what the rules of the domain find, part by part (issuer, {@link BasisChain},
 * {@link PlanTargets}, {@link PlanTasks}, {@link ProgrammeCheck}, {@link ReportingUnits}).
 */
public final class PlanValidator {

    private final UnitDirectory units;
    private final BasisChain basisChain;
    private final PlanTargets targets;
    private final ProgrammeCheck programmes;

    public PlanValidator(UnitDirectory units, IndicatorDirectory indicators) {
        this(units, indicators, new ReportingCalendar(new WorkingDays()), planId -> Optional.empty());
    }

    public PlanValidator(UnitDirectory units, IndicatorDirectory indicators, ReportingCalendar calendar,
                         PlanDirectory plans) {
        this.units = units;
        this.basisChain = new BasisChain(plans);
        this.targets = new PlanTargets(indicators);
        this.programmes = new ProgrammeCheck(indicators, new Deadlines(calendar));
    }

    /** @throws InvalidPlan naming every field at fault */
    public PlanContent validate(ProposedPlan plan) {
        if (plan == null) {
            throw new InvalidPlan(List.of(new Violation("body", "a plan is required")));
        }
        PlanCheck check = new PlanCheck(Shapes.of(plan));
        String number = check.text("number", plan.number());
        String title = check.text("title", plan.title());
        LocalDate issueDate = check.date("issueDate", plan.issueDate());
        List<String> basis = check.texts("basis", plan.basis());
        Integer start = check.value("horizonStart", plan.horizonStart());
        Integer end = check.value("horizonEnd", plan.horizonEnd());
        if (start != null && end != null && end < start) {
            check.fail("horizonEnd", "must not be before horizonStart (" + start + ")");
        }

        UnitTree known = new UnitTree(units, plan);
        String issuer = check.text("issuerUnitCode", plan.issuerUnitCode());
        if (issuer != null) {
            AdministrativeUnit unit = known.named(issuer);
            if (unit == null) {
                check.fail("issuerUnitCode", "unknown unit " + issuer);
            } else if (issueDate != null && unit.placementOn(issueDate).isEmpty()) {
                check.fail("issuerUnitCode", "unit " + issuer + " does not exist on the issue date " + issueDate);
            }
        }

        basisChain.check(check, basis, issuer, issueDate, known);
        List<Target> targetList = targets.read(check, plan.targets(), start);
        List<PlanTask> tasks = PlanTasks.read(check, plan.tasks(), known);
        Programme programme = programmes.read(check, plan.programme(), start, end);
        List<String> reporting = ReportingUnits.read(check, plan.reportingUnits(), known, issuer, issueDate,
                programme);

        if (!check.violations().isEmpty()) {
            throw new InvalidPlan(check.violations());
        }
        if (PlanId.numberPart(number).isEmpty()) {
            throw new InvalidPlan(List.of(new Violation("number", "must contain letters or digits")));
        }
        return new PlanContent(number, title, issuer, issueDate, basis, start, end, targetList, tasks, programme,
                reporting, check.warnings());
    }
}
