package dev.cascade.plan.plans;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.plan.plans.domain.InvalidPlan;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.plan.plans.domain.PlanNotFound;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.PlanSuccessions;
import dev.cascade.plan.plans.domain.PlanValidator;
import dev.cascade.plan.plans.domain.Programme;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.plan.plans.domain.Revocation;
import dev.cascade.plan.plans.domain.UnresolvedUnits;
import dev.cascade.plan.validation.Violation;
import dev.cascade.plan.schedule.ReportingCalendar;
import dev.cascade.plan.plans.domain.PlanActors;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Drafting, revising, issuing, amending and revoking plans. Each change made for a caller is allowed by
 * {@link PlanAccess} (a PLANNER of the plan's issuer, on its issue date) before anything is stored or published,
 * records the caller's subject on the plan, and leaves exactly one entry in the {@link AuditTrail} (the issuer's
 * trail, versions before and after, the reason of a revocation). The service's own start-up (demo data) loads plans
 * through {@link #createAtStartup} and {@link #issueAtStartup}: no caller, so no rule and no audit entry. Nothing is
 * stored or published for a refused request. Issuing and amending compute the plan's successions across the reforms
 * ({@link PlanSuccessions}) and refuse a plan whose units cannot be resolved on some period ({@link UnresolvedUnits},
 * 422).
 */
@Service
@RequiredArgsConstructor
public class Plans {

    static final String ENTITY = "plan";
    private static final Logger log = LoggerFactory.getLogger(Plans.class);

    private final PlanStore store;
    private final PlanValidator validator;
    private final ReportingCalendar calendar;
    private final IndicatorDirectory indicators;
    private final PlanPublication publication;
    private final Clock clock;
    private final PlanAccess access;
    private final AuditTrail audit;
    private final PlanSuccessions successions;

    /**
     * Who changes a plan: a caller, whom the rules check and the audit trail records, or the service's start-up
     * ({@code caller} null), neither checked nor recorded.
     */
    private record Author(String subject, Caller caller) {

        static Author of(Caller caller) {
            return new Author(Objects.requireNonNull(caller, "caller").subject(), caller);
        }

        static final Author STARTUP = new Author(PlanActors.SEEDED, null);
    }

    /** A new draft (version 1), created by {@code caller}, a PLANNER of its issuer. */
    public Plan create(ProposedPlan proposed, Caller caller) {
        return create(proposed, Author.of(caller));
    }

    /** A new draft loaded by the service's start-up (demo data): no caller, no rule, no audit entry. */
    public Plan createAtStartup(ProposedPlan proposed) {
        return create(proposed, Author.STARTUP);
    }

    private Plan create(ProposedPlan proposed, Author author) {
        PlanContent content = validator.validate(proposed);
        Grant grant = allowed(author, content.issuerUnitCode(), content.issueDate());
        checkUnits(author, content);
        if (store.find(content.planId()).isPresent()) {
            throw new PlanConflict("plan " + content.planId() + " already exists", "number");
        }
        requireProgrammeFree(content, content.planId());
        Plan draft = Plan.draft(content, periods(content), clock.instant(), author.subject());
        store.insert(draft);
        record(grant, "plan.created", null, draft, null);
        return draft;
    }

    /** Replaces the content of a draft; an issued plan cannot be edited. The stored plan's issuer decides who may. */
    public Plan revise(String planId, ProposedPlan proposed, Caller caller) {
        Author author = Author.of(caller);
        Plan current = get(planId);
        Grant grant = allowed(author, current);
        if (current.status() != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is " + current.status() + " and can no longer be edited", null);
        }
        PlanContent content = validator.validate(proposed);
        Plan revised = current.revise(content, periods(content), clock.instant(), author.subject());
        checkUnits(author, content);
        requireProgrammeFree(content, planId);
        if (!store.replace(revised, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        record(grant, "plan.revised", current, revised, null);
        return revised;
    }

    /**
     * Issues a draft: computes its periods and its successions across the reforms, freezes the data form from the
     * catalogue, stores it as ISSUED and publishes {@code PlanIssued}.
     */
    public Plan issue(String planId, Caller caller) {
        return issue(planId, Author.of(caller));
    }

    /** Issues a draft loaded by the service's start-up (demo data): no caller, no rule, no audit entry. */
    public Plan issueAtStartup(String planId) {
        return issue(planId, Author.STARTUP);
    }

    private Plan issue(String planId, Author author) {
        Plan current = get(planId);
        Grant grant = allowed(author, current);
        if (current.status() != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is already " + current.status().name().toLowerCase(), null);
        }
        List<ReportingPeriod> periods = periods(current.content());
        Plan issued = current.issue(periods, dataForm(current.content()),
                successions(current.content(), periods, "issue"), clock.instant(), author.subject());
        if (!store.replace(issued, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        record(grant, "plan.issued", current, issued, null);
        return publication.publish(issued);
    }

    /**
     * Amends an issued plan with new content (validated like a draft; same number, issuer, issue year and programme
     * code): stores it as the next published version and publishes {@code cascade.plan.amended} with the whole plan.
     * The stored plan's issuer decides who may; the new content cannot move the plan to another issuer (409).
     */
    public Plan amend(String planId, ProposedPlan proposed, Caller caller) {
        Author author = Author.of(caller);
        Plan current = get(planId);
        Grant grant = allowed(author, current);
        if (!current.status().inForce()) {
            throw new PlanConflict("plan " + planId + " is " + current.status() + "; only an issued plan can be"
                    + " amended", null);
        }
        PlanContent content = validator.validate(proposed);
        current.requireAmendableWith(content);
        checkUnits(author, content);
        List<ReportingPeriod> periods = periods(content);
        Plan amended = current.amend(content, periods, dataForm(content), successions(content, periods, "amend"),
                clock.instant(), author.subject());
        if (!store.replace(amended, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        record(grant, "plan.amended", current, amended, null);
        return publication.publish(amended);
    }

    /** Revokes an issued plan and publishes {@code cascade.plan.revoked}. */
    public Plan revoke(String planId, Revocation revocation, Caller caller) {
        Author author = Author.of(caller);
        Plan current = get(planId);
        Grant grant = allowed(author, current);
        Plan revoked = current.revoke(revocation, clock.instant(), author.subject());
        if (!store.replace(revoked, current.version())) {
            throw new PlanConflict("plan " + planId + " changed meanwhile; read it again and retry", null);
        }
        record(grant, "plan.revoked", current, revoked, revocation.reason());
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

    /** The plan's successions for these periods; a plan whose units cannot be resolved is refused (one line logged). */
    private List<ReportingSuccession> successions(PlanContent content, List<ReportingPeriod> periods, String action) {
        try {
            return successions.of(content, periods);
        } catch (UnresolvedUnits e) {
            log.warn("refused to {} {}", action, e.getMessage());
            throw e;
        }
    }

    /** The grant of a PLANNER of the stored plan's issuer on its issue date; none for the start-up. */
    private Grant allowed(Author author, Plan current) {
        return allowed(author, current.content().issuerUnitCode(), current.content().issueDate());
    }

    private Grant allowed(Author author, String issuer, java.time.LocalDate issueDate) {
        return author.caller() == null ? null : access.planner(author.caller(), issuer, issueDate);
    }

    private void checkUnits(Author author, PlanContent content) {
        if (author.caller() != null) {
            access.requireTaskUnitsInLine(content);
        }
    }

    /** One entry in the issuer's trail, right after the change was stored; none for the start-up. */
    private void record(Grant grant, String action, Plan before, Plan after, String reason) {
        if (grant != null) {
            audit.record(grant, AuditedChange.of(action, ENTITY, after.planId(), after.content().issuerUnitCode(),
                    before == null ? null : before.version(), after.version()).because(reason));
        }
    }

    private void requireProgrammeFree(PlanContent content, String planId) {
        String code = content.programme().code();
        store.planWithProgramme(code).filter(other -> !other.equals(planId)).ifPresent(other -> {
            throw new PlanConflict("programme code " + code + " is used by plan " + other, "programme.code");
        });
    }
}
