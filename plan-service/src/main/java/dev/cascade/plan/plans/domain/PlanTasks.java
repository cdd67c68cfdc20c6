package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.PlanTask;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The tasks of a plan: numbers distinct, lead and cooperating units known. */
final class PlanTasks {

    private PlanTasks() {
    }

    static List<PlanTask> read(PlanCheck check, List<ProposedTask> proposed, UnitTree units) {
        List<PlanTask> result = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        check.each("tasks", proposed, (f, t) -> {
            String number = check.text(f + ".number", t.number());
            if (number != null && !numbers.add(number)) {
                check.fail(f + ".number", "task " + number + " appears twice");
            }
            String title = check.text(f + ".title", t.title());
            String lead = check.text(f + ".leadUnit", t.leadUnit());
            if (lead != null && !units.knows(lead)) {
                check.fail(f + ".leadUnit", "unknown unit " + lead);
            }
            List<String> cooperating = t.cooperatingUnits() == null ? List.of() : t.cooperatingUnits();
            for (int c = 0; c < cooperating.size(); c++) {
                String code = cooperating.get(c);
                if (code == null || !units.knows(code)) {
                    check.fail(f + ".cooperatingUnits[" + c + "]", "unknown unit " + code);
                }
            }
            if (number != null && title != null && lead != null) {
                result.add(new PlanTask(number, title, lead, cooperating));
            }
        });
        return result;
    }
}
