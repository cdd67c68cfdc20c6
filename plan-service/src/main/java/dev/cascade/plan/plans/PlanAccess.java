package dev.cascade.plan.plans;

import dev.cascade.contracts.events.PlanTask;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may write a plan, for the day the plan concerns (its issue date): a PLANNER of the plan's issuer
 * ({@link AccessRules#actFor}), for a plan whose units lie in the issuer's line. Reporting units beneath the issuer
 * (or the issuer itself) are a rule of the plan's content, refused with 400 by the validator before this is asked;
 * task units (lead and cooperating) may be the issuer, beneath it or above it (a party committee's plan may task the
 * People's Committee above it, seed 003), and a task unit outside that line (a sibling, another province) is refused
 * with 403 naming each one.
 */
@Component
class PlanAccess {

    /** The rule a task unit outside the issuer's line breaks (the problem's {@code rule}). */
    static final String TASK_UNITS_RULE = "the task units of a plan lie in its issuer's line (the issuer, beneath it"
            + " or above it)";

    private final AccessRules rules;

    PlanAccess(AccessRules rules) {
        this.rules = rules;
    }

    /** The caller is a PLANNER of {@code issuer}, which exists on {@code issueDate}. */
    Grant planner(Caller caller, String issuer, LocalDate issueDate) {
        return rules.actFor(caller, Role.PLANNER, issuer, issueDate);
    }

    /** Refuses (403) content naming a task unit outside its issuer's line on its issue date. */
    void requireTaskUnitsInLine(PlanContent content) {
        String issuer = content.issuerUnitCode();
        LocalDate day = content.issueDate();
        List<FieldProblem> outside = new ArrayList<>();
        List<PlanTask> tasks = content.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            PlanTask task = tasks.get(i);
            check(outside, "tasks[" + i + "].leadUnit", task.leadUnit(), issuer, day);
            for (int c = 0; c < task.cooperatingUnits().size(); c++) {
                check(outside, "tasks[" + i + "].cooperatingUnits[" + c + "]", task.cooperatingUnits().get(c), issuer,
                        day);
            }
        }
        if (!outside.isEmpty()) {
            throw new RequestRefused(RequestRefused.Reason.FORBIDDEN, "Not allowed", "units outside the line of the"
                    + " issuer " + issuer + " on " + day + ": " + String.join(", ", outside.stream()
                    .map(p -> p.message().substring(5, p.message().indexOf(' ', 5))).distinct().toList()), outside)
                    .with("rule", TASK_UNITS_RULE);
        }
    }

    private void check(List<FieldProblem> outside, String field, String unit, String issuer, LocalDate day) {
        if (!unit.equals(issuer) && !rules.beneath(issuer, unit, day) && !rules.beneath(unit, issuer, day)) {
            outside.add(new FieldProblem(field, "unit " + unit + " is neither the issuer " + issuer
                    + ", beneath it nor above it on " + day));
        }
    }
}
