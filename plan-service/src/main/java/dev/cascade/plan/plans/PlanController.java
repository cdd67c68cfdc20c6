package dev.cascade.plan.plans;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.plan.validation.Violations;
import dev.cascade.contracts.CascadeTime;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.plan.plans.domain.Revocation;
import dev.cascade.plan.validation.Violation;
import dev.cascade.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans over HTTP: draft, revise, issue, amend, revoke (a PLANNER of the plan's issuer, checked by {@link Plans} for
 * the caller of the token), read (plans are public documents of the state: any authenticated caller).
 */
@RestController
@RequestMapping("/plans")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PlanController {

    private final Plans plans;
    private final Clock clock;

    @Operation(summary = "Creates a draft plan")
    @PostMapping
    ResponseEntity<PlanView> create(@RequestBody ProposedPlan proposed, Caller caller) {
        PlanView created = PlanView.of(plans.create(proposed, caller));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(created.planId()).toUri()).body(created);
    }

    @Operation(summary = "Replaces a draft plan")
    @PutMapping("/{planId}")
    PlanView revise(@PathVariable String planId, @RequestBody ProposedPlan proposed, Caller caller) {
        return PlanView.of(plans.revise(planId, proposed, caller));
    }

    @Operation(summary = "Issues a draft plan and publishes it")
    @PostMapping("/{planId}/issue")
    PlanView issue(@PathVariable String planId, Caller caller) {
        return PlanView.of(plans.issue(planId, caller));
    }

    /** A new published version of an issued plan (the whole plan, same number, issuer, issue year, programme code). */
    @Operation(summary = "Publishes a new version of an issued plan")
    @PostMapping("/{planId}/amendments")
    PlanView amend(@PathVariable String planId, @RequestBody ProposedPlan proposed, Caller caller) {
        return PlanView.of(plans.amend(planId, proposed, caller));
    }

    /** The body of {@code POST /plans/{id}/revocation}; {@code revokedOn} defaults to today. */
    record ProposedRevocation(String revokedOn, String revokedBy, String reason) {
    }

    @Operation(summary = "Revokes an issued plan")
    @PostMapping("/{planId}/revocation")
    PlanView revoke(@PathVariable String planId, @RequestBody(required = false) ProposedRevocation body,
                    Caller caller) {
        List<Violation> errors = new ArrayList<>();
        LocalDate revokedOn = LocalDate.ofInstant(clock.instant(), CascadeTime.ZONE);
        if (body != null && body.revokedOn() != null) {
            try {
                revokedOn = LocalDate.parse(body.revokedOn().trim());
            } catch (DateTimeParseException e) {
                errors.add(new Violation("revokedOn", "must be a date yyyy-MM-dd, not " + body.revokedOn()));
            }
        }
        String revokedBy = body == null ? null : trimmed(body.revokedBy());
        String reason = body == null ? null : trimmed(body.reason());
        if (revokedBy != null && revokedBy.length() > 100) {
            errors.add(new Violation("revokedBy", "must be at most 100 characters"));
        }
        if (reason != null && reason.length() > 2000) {
            errors.add(new Violation("reason", "must be at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw Violations.refused("Invalid revocation", errors);
        }
        return PlanView.of(plans.revoke(planId, new Revocation(revokedOn, revokedBy, reason), caller));
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Operation(summary = "Every plan, summarized")
    @GetMapping
    List<PlanView.Summary> all() {
        return plans.all().stream().map(PlanView.Summary::of).toList();
    }

    @Operation(summary = "One plan, as stored")
    @GetMapping("/{planId}")
    PlanView one(@PathVariable String planId) {
        return PlanView.of(plans.get(planId));
    }
}
