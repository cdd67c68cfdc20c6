package dev.cascade.plan.plans;

import dev.cascade.plan.plans.domain.ProposedPlan;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** Plans over HTTP: draft, revise, issue, read. */
@RestController
@RequestMapping("/plans")
class PlanController {

    private final Plans plans;

    PlanController(Plans plans) {
        this.plans = plans;
    }

    @PostMapping
    ResponseEntity<PlanView> create(@RequestBody ProposedPlan proposed) {
        PlanView created = PlanView.of(plans.create(proposed));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(created.planId()).toUri()).body(created);
    }

    @PutMapping("/{planId}")
    PlanView revise(@PathVariable String planId, @RequestBody ProposedPlan proposed) {
        return PlanView.of(plans.revise(planId, proposed));
    }

    @PostMapping("/{planId}/issue")
    PlanView issue(@PathVariable String planId) {
        return PlanView.of(plans.issue(planId));
    }

    @GetMapping
    List<PlanView.Summary> all() {
        return plans.all().stream().map(PlanView.Summary::of).toList();
    }

    @GetMapping("/{planId}")
    PlanView one(@PathVariable String planId) {
        return PlanView.of(plans.get(planId));
    }
}
