package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingProgramme;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A plan and its lifecycle. A draft may be revised; issuing freezes the programme's periods (computed under Decree
 * 09) and data form (the catalogue's definitions at that moment) and makes the plan read-only.
 *
 * @param version       revision of the stored plan: grows with every change (draft edits included); writes are
 *                      guarded by it
 * @param issuedVersion the version of the plan as published ({@code PlanIssued.version}): 0 while a draft, 1 once
 *                      issued (amendments will count on from there)
 * @param periods       for a draft a preview, for an issued plan the periods it was issued with
 * @param dataForm      empty for a draft; the full indicator definitions once issued
 * @param published     whether the issued version has reached the plans topic
 */
public record Plan(String planId, PlanStatus status, long version, long issuedVersion, PlanContent content,
                   List<ReportingPeriod> periods, List<IndicatorDefinition> dataForm, Instant createdAt,
                   Instant updatedAt, Instant issuedAt, boolean published) {

    public Plan {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(content, "content");
        periods = List.copyOf(periods);
        dataForm = List.copyOf(dataForm);
    }

    public static Plan draft(PlanContent content, List<ReportingPeriod> preview, Instant now) {
        return new Plan(content.planId(), PlanStatus.DRAFT, 1, 0, content, preview, List.of(), now, now, null, false);
    }

    /** The draft with new content; an issued plan cannot be edited. */
    public Plan revise(PlanContent newContent, List<ReportingPeriod> preview, Instant now) {
        if (status != PlanStatus.DRAFT) {
            throw new PlanConflict("plan " + planId + " is " + status + " and can no longer be edited", null);
        }
        if (!newContent.planId().equals(planId)) {
            throw new PlanConflict("number, issuer and issue year identify plan " + planId + " and cannot change (they"
                    + " would make it " + newContent.planId() + ")", "number");
        }
        return new Plan(planId, status, version + 1, 0, newContent, preview, List.of(), createdAt, now, null, false);
    }

    /** The plan issued with these periods and data form, awaiting publication. */
    public Plan issue(List<ReportingPeriod> issuedPeriods, List<IndicatorDefinition> definitions, Instant now) {
        if (status == PlanStatus.ISSUED) {
            throw new PlanConflict("plan " + planId + " is already issued", null);
        }
        return new Plan(planId, PlanStatus.ISSUED, version + 1, issuedVersion + 1, content, issuedPeriods, definitions,
                createdAt, now, now, false);
    }

    public Plan markPublished() {
        return new Plan(planId, status, version, issuedVersion, content, periods, dataForm, createdAt, updatedAt,
                issuedAt, true);
    }

    /** The event that announces the issued plan. */
    public PlanIssued toIssuedEvent() {
        if (status != PlanStatus.ISSUED) {
            throw new IllegalStateException("plan " + planId + " is not issued");
        }
        Programme p = content.programme();
        ReportingProgramme programme = new ReportingProgramme(p.code(), p.title(), p.frequency(), dataForm,
                p.outline(), periods);
        return new PlanIssued(planId, content.number(), content.title(), content.issuerUnitCode(), content.issueDate(),
                content.basis(), content.horizonStart(), content.horizonEnd(), content.targets(), content.tasks(),
                programme, content.reportingUnits(), issuedVersion);
    }
}
