package dev.cascade.portal.plans;

import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.PlanSummary;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Plans: the list, and a plan's detail: its basis chain (the plans it rests on, followed as far as they are in
 * Cascade, and the documents outside it), targets by year, tasks with lead and cooperating units, and the reporting
 * schedule with its computed deadline per level.
 */
@Controller
class PlansController {

    /** A basis entry that names a plan held in Cascade (plan-service's plan ids). */
    private static final Pattern PLAN_ID = Pattern.compile("KH-[A-Z0-9]+-\\d{4}-[A-Z0-9-]+");

    private final CascadeApi api;

    PlansController(CascadeApi api) {
        this.api = api;
    }

    @GetMapping("/plans")
    String list(Model model) {
        List<PlanSummary> plans = new ArrayList<>(api.plans());
        plans.sort(Comparator.comparing(PlanSummary::issueDate, Comparator.nullsLast(Comparator.reverseOrder())));
        model.addAttribute("plans", plans);
        return "plans";
    }

    /** One link of the basis chain: a plan in Cascade (with its id) or a document outside it. */
    record Basis(String reference, Plan plan) {
    }

    @GetMapping("/plans/{planId}")
    String detail(@PathVariable String planId, Model model) {
        Plan plan = api.plan(planId);
        List<Basis> chain = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        collect(plan, chain, seen, 0);
        Set<Integer> years = new TreeSet<>();
        if (plan.targets() != null) {
            plan.targets().forEach(t -> years.add(t.year()));
        }
        model.addAttribute("plan", plan);
        model.addAttribute("basis", chain);
        model.addAttribute("years", years);
        return "plan";
    }

    private void collect(Plan plan, List<Basis> chain, Set<String> seen, int depth) {
        if (plan.basis() == null || depth > 5) {
            return;
        }
        for (String reference : plan.basis()) {
            if (!seen.add(reference)) {
                continue;
            }
            if (PLAN_ID.matcher(reference).matches()) {
                Plan above = api.plan(reference);
                chain.add(new Basis(reference, above));
                collect(above, chain, seen, depth + 1);
            } else {
                chain.add(new Basis(reference, null));
            }
        }
    }
}
