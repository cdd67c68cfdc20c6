package dev.cascade.report.submission;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.platform.security.AccessRefused;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.Obligations;
import dev.cascade.report.programme.HierarchyDays;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a submission is checked against before anything is written: who may report for the unit, the programme
 * and its period, the unit, the content ({@link SubmissionRules}) and the obligation it fulfils.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class SubmissionCheck {

    private final Programmes programmes;
    private final Units units;
    private final Obligations obligations;
    private final AccessRules rules;
    private final HierarchyDays days;

    /**
     * Whether the caller may report for the unit the submission names, on the day whose hierarchy governs its period
     * (the period's cut-off end; today when the programme or period is not known): a REPORTER of exactly that unit,
     * which exists that day. Checked before anything else is looked at or written.
     *
     * @return the grant to record; {@code null} when the request names no unit or a unit not known at all, which
     * {@link #obligationOf} then refuses (422)
     * @throws dev.cascade.platform.security.AccessRefused (403) naming the rule
     */
    Grant authorize(SubmissionRequest request, Caller caller) {
        if (SubmissionRules.blank(request.unitCode())) {
            return null;
        }
        String unit = request.unitCode().strip();
        try {
            // the rules find the unit's place in the unit copy, held in memory; Units.exists only for a refusal
            return rules.actFor(caller, Role.REPORTER, unit, dayOf(request));
        } catch (AccessRefused refused) {
            if (!units.exists(unit)) {
                return null;
            }
            throw refused;
        }
    }

    /** The day the submission concerns: its period's cut-off end, or today when that is not known. */
    private java.time.LocalDate dayOf(SubmissionRequest request) {
        return days.of(request.programme(), request.period()).orElseGet(rules::today);
    }

    /** The obligation the submission fulfils. @throws RequestRefused naming every problem found */
    Obligation obligationOf(SubmissionRequest request) {
        List<FieldProblem> problems = new ArrayList<>(SubmissionRules.checkRequired(request));
        Programme programme = null;
        if (!SubmissionRules.blank(request.programme())) {
            programme = programmes.findRecent(request.programme()).orElse(null);
            if (programme == null) {
                problems.add(new FieldProblem("programme", "unknown programme " + request.programme()));
            } else if (programme.revokedOn() != null) {
                throw RequestRefused.of(Reason.CONFLICT, "Plan revoked",
                        new FieldProblem("programme", "plan " + programme.planId() + " of programme "
                                + programme.code() + " was revoked on " + programme.revokedOn()
                                + "; it takes no more reports"));
            }
        }
        ReportingPeriod period = null;
        if (programme != null && !SubmissionRules.blank(request.period())) {
            period = programme.period(request.period()).orElse(null);
            if (period == null) {
                problems.add(new FieldProblem("period", "programme " + programme.code() + " has no period "
                        + request.period()));
            }
        }
        if (!SubmissionRules.blank(request.unitCode()) && !units.exists(request.unitCode())) {
            problems.add(new FieldProblem("unitCode", "unknown unit " + request.unitCode()));
        }
        if (programme != null) {
            problems.addAll(SubmissionRules.checkContent(request, programme));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefused(Reason.UNPROCESSABLE, "Report refused",
                    problems.size() + " problem(s) in the report; see errors", problems);
        }
        String obligationId = Obligation.idOf(programme.code(), period.id(), request.unitCode());
        Optional<Obligation> obligation = obligations.find(obligationId);
        if (obligation.isEmpty() && !programme.opened(period.id())) {
            throw RequestRefused.of(Reason.CONFLICT, "Period not open",
                    new FieldProblem("period", "period " + period.id() + " of programme " + programme.code()
                            + " is not open for reporting (its cut-off window runs " + period.cutOffStart() + " to "
                            + period.cutOffEnd() + ")"));
        }
        if (obligation.isEmpty()) {
            throw RequestRefused.of(Reason.UNPROCESSABLE, "No obligation",
                    new FieldProblem("unitCode", "unit " + request.unitCode() + " owes no report for programme "
                            + programme.code() + " period " + period.id()));
        }
        if (obligation.get().status() == ObligationStatus.CLOSED) {
            throw RequestRefused.of(Reason.CONFLICT, "Report no longer required",
                    new FieldProblem("unitCode", closedReason(obligation.get(), programme)));
        }
        return obligation.get();
    }

    private static String closedReason(Obligation closed, Programme programme) {
        String owed = "unit " + closed.unitCode() + " owes no report for programme " + programme.code() + " period "
                + closed.period() + " any more: ";
        return closed.closedReason() == ClosureReason.PLAN_REVOKED
                ? owed + "plan " + programme.planId() + " was revoked"
                : owed + "it is no longer required under the amended plan " + programme.planId() + " (version "
                + programme.planVersion() + ")";
    }
}
