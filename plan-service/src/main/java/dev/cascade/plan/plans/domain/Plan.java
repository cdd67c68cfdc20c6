package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;
import dev.cascade.contracts.events.ReportingSuccession;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A plan and its lifecycle: draft → issued → amended (any number of times) / revoked. A draft may be revised; issuing
 * freezes the programme's periods (computed under Decree 09) and data form (the catalogue's definitions at that
 * moment) and makes the plan read-only: from then on it changes only by amendment (a new published version of the
 * whole plan) or revocation.
 *
 * @param version       revision of the stored plan: grows with every change (draft edits included); writes are
 *                      guarded by it
 * @param issuedVersion the version of the plan as published: 0 while a draft, 1 once issued
 *                      ({@code cascade.plan.issued}), 2, 3, … with each amendment ({@code cascade.plan.amended}),
 *                      and one more on revocation ({@code cascade.plan.revoked})
 * @param periods       for a draft a preview, for an issued plan the periods it was issued (or amended) with
 * @param dataForm      empty for a draft; the full indicator definitions once issued
 * @param successions   empty for a draft; once issued, where the roles of its issuer and reporting units pass across
 *                      the reforms for its periods ({@link PlanSuccessions}), computed at issue and at each amendment
 *                      and published with the plan
 * @param published     whether the latest published version has reached the plans topic
 * @param revocation    set once revoked
 * @param actors        who created, revised, issued, amended and revoked it (token subjects)
 */
public record Plan(String planId, PlanStatus status, long version, long issuedVersion, PlanContent content,
                   List<ReportingPeriod> periods, List<IndicatorDefinition> dataForm,
                   List<ReportingSuccession> successions, Instant createdAt,
                   Instant updatedAt, Instant issuedAt, boolean published, Revocation revocation,
                   PlanActors actors) {

    public Plan {
        actors = actors == null ? PlanActors.NONE : actors;
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        periods = List.copyOf(periods);
        dataForm = List.copyOf(dataForm);
        successions = successions == null ? List.of() : List.copyOf(successions);
    }

    /** A new draft, created by {@code by} (a token's subject). */
    public static Plan draft(PlanContent content, List<ReportingPeriod> preview, Instant now, String by) {
        return new Plan(content.planId(), PlanStatus.DRAFT, 1, 0, content, preview, List.of(), List.of(), now, now,
                null, false, null, PlanActors.createdBy(by));
    }

    /** The draft with new content; an issued plan cannot be edited. */
    public Plan revise(PlanContent newContent, List<ReportingPeriod> preview, Instant now, String by) {
        if (status != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is " + status + " and can no longer be edited; amend it"
                    + " instead (POST /plans/" + planId + "/amendments)", null);
        }
        requireSameId(newContent);
        return new Plan(planId, status, version + 1, 0, newContent, preview, List.of(), List.of(), createdAt, now,
                null, false, null, actors.revisedBy(by));
    }

    /** The plan issued with these periods, data form and successions, awaiting publication. */
    public Plan issue(List<ReportingPeriod> issuedPeriods, List<IndicatorDefinition> definitions,
                      List<ReportingSuccession> issuedSuccessions, Instant now, String by) {
        if (status != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is already " + status.name().toLowerCase(), null);
        }
        return new Plan(planId, PlanStatus.ISSUED, version + 1, issuedVersion + 1, content, issuedPeriods, definitions,
                issuedSuccessions, createdAt, now, now, false, null, actors.issuedBy(by));
    }

    /**
     * The issued plan with amended content: a new published version of the whole plan. Its identity (number, issuer,
     * issue year) and its programme code stay.
     */
    public Plan amend(PlanContent newContent, List<ReportingPeriod> newPeriods, List<IndicatorDefinition> definitions,
                      List<ReportingSuccession> newSuccessions, Instant now, String by) {
        requireAmendableWith(newContent);
        return new Plan(planId, PlanStatus.AMENDED, version + 1, issuedVersion + 1, newContent, newPeriods,
                definitions, newSuccessions, createdAt, now, issuedAt, false, null, actors.amendedBy(by));
    }

    /**
     * Refuses (409) an amendment of a plan not in force, or one that would change its identity (number, issuer,
     * issue year) or its programme code.
     */
    public void requireAmendableWith(PlanContent newContent) {
        if (!status.inForce()) {
            throw new PlanConflict("plan " + planId + " is " + status + "; only an issued plan can be amended", null);
        }
        requireSameId(newContent);
        if (!newContent.programme().code().equals(content.programme().code())) {
            throw new PlanConflict("an amendment keeps the programme code " + content.programme().code()
                    + " (reports already filed refer to it)", "programme.code");
        }
    }

    /** The issued plan revoked. */
    public Plan revoke(Revocation why, Instant now, String by) {
        if (!status.inForce()) {
            throw new PlanConflict("plan " + planId + " is " + status + "; only an issued plan can be revoked", null);
        }
        return new Plan(planId, PlanStatus.REVOKED, version + 1, issuedVersion + 1, content, periods, dataForm,
                successions, createdAt, now, issuedAt, false, why, actors.revokedBy(by));
    }

    public Plan markPublished() {
        return new Plan(planId, status, version, issuedVersion, content, periods, dataForm, successions, createdAt,
                updatedAt, issuedAt, true, revocation, actors);
    }

    /** The whole plan as published: {@code cascade.plan.issued} (version 1) or {@code cascade.plan.amended}. */
    public PlanIssued toIssuedEvent() {
        if (!status.inForce()) {
            throw new IllegalStateException("plan " + planId + " is " + status);
        }
        Programme p = content.programme();
        ReportingProgramme programme = new ReportingProgramme(p.code(), p.title(), p.frequency(), dataForm,
                p.outline(), periods);
        return new PlanIssued(planId, content.number(), content.title(), content.issuerUnitCode(), content.issueDate(),
                content.basis(), content.horizonStart(), content.horizonEnd(), content.targets(), content.tasks(),
                programme, content.reportingUnits(), issuedVersion, successions);
    }

    public PlanRevoked toRevokedEvent() {
        if (status != PlanStatus.REVOKED) {
            throw new IllegalStateException("plan " + planId + " is not revoked");
        }
        return new PlanRevoked(planId, content.issuerUnitCode(), revocation.revokedOn(), revocation.revokedBy(),
                revocation.reason(), issuedVersion);
    }

    private void requireSameId(PlanContent newContent) {
        if (!newContent.planId().equals(planId)) {
            throw new PlanConflict("number, issuer and issue year identify plan " + planId + " and cannot change (they"
                    + " would make it " + newContent.planId() + ")", "number");
        }
    }
}
