package dev.cascade.plan.plans;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.plan.plans.domain.InvalidPlan;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.plan.plans.domain.PlanNotFound;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.PlanValidator;
import dev.cascade.plan.plans.domain.Programme;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.plan.plans.domain.Revocation;
import dev.cascade.plan.validation.Violation;
import dev.cascade.plan.schedule.ReportingCalendar;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Drafting, revising, issuing, amending and revoking plans. Nothing is stored or published for a refused request. */
@Service
@RequiredArgsConstructor
public class Plans {

    private final PlanStore store;
    private final PlanValidator validator;
    private final ReportingCalendar calendar;
    private final IndicatorDirectory indicators;
    private final PlanPublication publication;
    private final Clock clock;

    /** A new draft (version 1). */
    public Plan create(ProposedPlan proposed) {
        PlanContent content = validator.validate(proposed);
        if (store.find(content.planId()).isPresent()) {
            throw new PlanConflict("plan " + content.planId() + " already exists", "number");
        }
        requireProgrammeFree(content, content.planId());
        Plan draft = Plan.draft(content, periods(content), clock.instant());
        store.insert(draft);
        return draft;
    }

    /** Replaces the content of a draft; an issued plan cannot be edited. */
    public Plan revise(String planId, ProposedPlan proposed) {
        Plan current = get(planId);
        if (current.status() != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is " + current.status() + " and can no longer be edited", null);
        }
        PlanContent content = validator.validate(proposed);
        requireProgrammeFree(content, planId);
        Plan revised = current.revise(content, periods(content), clock.instant());
        if (!store.replace(revised, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        return revised;
    }

    /**
     * Issues a draft: computes its periods, freezes the data form from the catalogue, stores it as ISSUED and
     * publishes {@code PlanIssued}.
     */
    public Plan issue(String planId) {
        Plan current = get(planId);
        if (current.status() != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is already " + current.status().name().toLowerCase(), null);
        }
        Plan issued = current.issue(periods(current.content()), dataForm(current.content()), clock.instant());
        if (!store.replace(issued, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        return publication.publish(issued);
    }

    /**
     * Amends an issued plan with new content (validated like a draft; same number, issuer, issue year and programme
     * code): stores it as the next published version and publishes {@code cascade.plan.amended} with the whole plan.
     */
    public Plan amend(String planId, ProposedPlan proposed) {
        Plan current = get(planId);
        if (!current.status().inForce()) {
            throw new PlanConflict("plan " + planId + " is " + current.status() + "; only an issued plan can be"
                    + " amended", null);
        }
        PlanContent content = validator.validate(proposed);
        Plan amended = current.amend(content, periods(content), dataForm(content), clock.instant());
        if (!store.replace(amended, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        return publication.publish(amended);
    }

    /** Revokes an issued plan and publishes {@code cascade.plan.revoked}. */
    public Plan revoke(String planId, Revocation revocation) {
        Plan current = get(planId);
        Plan revoked = current.revoke(revocation, clock.instant());
        if (!store.replace(revoked, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        return publication.publish(revoked);
    }

    public Plan get(String planId) {
        return store.find(planId).orElseThrow(() -> new PlanNotFound(planId));
    }

    public Optional<Plan> find(String planId) {
        return store.find(planId);
    }

    public List<Plan> all() {
        return store.all();
    }

    private List<IndicatorDefinition> dataForm(PlanContent content) {
        return content.programme().indicators().stream()
                .map(code -> indicators.find(code).map(Indicator::toDefinition).orElseThrow(() -> new InvalidPlan(
                        List.of(new Violation("programme.indicators", "unknown indicator " + code)))))
                .toList();
    }

    private List<ReportingPeriod> periods(PlanContent content) {
        Programme p = content.programme();
        return calendar.periods(p.frequency(), content.horizonStart(), content.horizonEnd(), p.deadlines(),
                p.adHocPeriods());
    }

    private void requireProgrammeFree(PlanContent content, String planId) {
        String code = content.programme().code();
        store.planWithProgramme(code).filter(other -> !other.equals(planId)).ifPresent(other -> {
            throw new PlanConflict("programme code " + code + " is used by plan " + other, "programme.code");
        });
    }
}
