package dev.cascade.plan.plans;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanActors;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.Programme;
import dev.cascade.plan.plans.domain.Revocation;
import dev.cascade.plan.validation.Violation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan over HTTP: its content, state and computed periods (a preview while it is a draft). {@code version} is the
 * stored revision (every change), {@code issuedVersion} the version published in {@code PlanIssued} (0 for a draft).
 * {@code actors}: the token subjects of who created, revised, issued, amended and revoked it (not
 * {@code revocation.revokedBy}, which is the number of the revoking decision as given in the body).
 * {@code successions}: where the roles of its issuer and reporting units pass across the reforms for its periods, as
 * published with it (empty for a draft and for a plan whose periods all end before any reform).
 */
record PlanView(String planId, PlanStatus status, long version, long issuedVersion, boolean published, String number, String title,
                String issuerUnitCode, LocalDate issueDate, List<String> basis, int horizonStart, int horizonEnd,
                List<Target> targets, List<PlanTask> tasks, ProgrammeView programme, List<String> reportingUnits,
                List<ReportingSuccession> successions, Instant createdAt, Instant updatedAt, Instant issuedAt, List<Violation> warnings,
                Revocation revocation, PlanActors actors) {

    /**
     * @param deadlines per level as given: a month-day {@code MM-dd} or {@code +N} working days after the cut-off
     * @param dataForm  the indicator definitions frozen at issue (empty for a draft)
     */
    record ProgrammeView(String code, String title, Frequency frequency, List<String> indicators,
                         List<IndicatorDefinition> dataForm, List<String> outline, Map<UnitLevel, String> deadlines,
                         List<ReportingPeriod> periods) {
    }

    /** One line of the plan list. */
    record Summary(String planId, PlanStatus status, long version, String number, String title, String issuerUnitCode,
                   LocalDate issueDate, String programme, int reportingUnits, long issuedVersion, int targets,
                   int tasks) {

        static Summary of(Plan plan) {
            PlanContent c = plan.content();
            return new Summary(plan.planId(), plan.status(), plan.version(), c.number(), c.title(),
                    c.issuerUnitCode(), c.issueDate(), c.programme().code(), c.reportingUnits().size(),
                    plan.issuedVersion(), c.targets().size(), c.tasks().size());
        }
    }

    static PlanView of(Plan plan) {
        PlanContent c = plan.content();
        Programme p = c.programme();
        Map<UnitLevel, String> deadlines = new LinkedHashMap<>();
        p.deadlines().forEach((level, rule) -> deadlines.put(level, rule.text()));
        return new PlanView(plan.planId(), plan.status(), plan.version(), plan.issuedVersion(), plan.published(), c.number(), c.title(),
                c.issuerUnitCode(), c.issueDate(), c.basis(), c.horizonStart(), c.horizonEnd(), c.targets(),
                c.tasks(), new ProgrammeView(p.code(), p.title(), p.frequency(), p.indicators(), plan.dataForm(),
                p.outline(), deadlines, plan.periods()), c.reportingUnits(), plan.successions(), plan.createdAt(), plan.updatedAt(),
                plan.issuedAt(), c.warnings(), plan.revocation(), plan.actors());
    }
}
