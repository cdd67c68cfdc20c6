package dev.cascade.report.submission;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.report.obligation.ObligationOutcomes;
import dev.cascade.report.submission.Submissions.Accepted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Withdraws a report: it stops counting, and the obligation it fulfilled is owed again (reopened, with
 * {@code cascade.obligation.reopened}). The withdrawal takes the next version number and is published as
 * {@code cascade.report.withdrawn}; a later submission takes the number after it and fulfils the obligation again.
 */
@Component
@RequiredArgsConstructor
public class Withdrawals {

    private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);
    private static final int ATTEMPTS = 5;
    private static final int MAX_REASON = 2000;

    private final ReportStore reports;
    private final OutboxEvents events;
    private final Clock clock;
    private final ReportAccess access;
    private final AuditTrail audit;
    private final ObligationOutcomes outcomes;

    /**
     * Withdraws the report for {@code caller}, a REPORTER of the report's unit (checked before anything else about
     * the request); the withdrawal records their subject and unit, and one audit entry.
     */
    public Accepted withdraw(String reportId, WithdrawalRequest request, Caller caller) {
        Report current = reports.get(reportId);
        Grant grant = access.reporter(caller, current);
        String reason = request == null || SubmissionRules.blank(request.reason()) ? null : request.reason().strip();
        checkWithdrawal(request, reason);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current.status() == ReportStatus.WITHDRAWN) {
                throw RequestRefused.of(Reason.CONFLICT, "Already withdrawn",
                        new FieldProblem("status", "report " + reportId + " is already withdrawn"));
            }
            Withdrawal withdrawal = new Withdrawal(current.latestVersion() + 1, caller.subject(), caller.unitCode(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), reason);
            OutboxEvent event = events.compose(EventTypes.REPORT_WITHDRAWN, Topics.REPORTS, current.rollUpKey(),
                    current.id(), withdrawal.version(), withdrawal.withdrawnAt(), current.event(withdrawal));
            if (reports.change(current, null, new Update().push("withdrawals", withdrawal)
                    .set("latestVersion", withdrawal.version()).set("status", ReportStatus.WITHDRAWN), event)) {
                reopen(current, withdrawal);
                audit.record(grant, AuditedChange.of("report.withdrawn", "report", current.id(), current.unitCode(),
                        (long) current.latestVersion(), (long) withdrawal.version()).because(reason));
                return new Accepted(current.id(), withdrawal.version(), current.late());
            }
            current = reports.get(reportId);
        }
        throw RequestRefused.of(Reason.CONFLICT, "Concurrent changes",
                new FieldProblem("reportId", "report " + reportId + " is being changed by someone else; try again"));
    }

    /**
     * Reopens the obligation the report fulfilled, before answering, so that what the caller reads next is owed again.
     * The same change waits as an effect of the {@code ReportWithdrawn} in the report's outbox (the obligation
     * feature's {@code ReopeningEffect}), which the relay applies before sending it: a failure here is mended there.
     */
    private void reopen(Report report, Withdrawal withdrawal) {
        try {
            outcomes.reopen(report.event(withdrawal));
        } catch (RuntimeException e) {
            log.warn("The obligation of report {} was not reopened yet; the outbox relay reopens it before sending "
                    + "the withdrawal: {}", report.id(), e.toString());
        }
    }

    private static void checkWithdrawal(WithdrawalRequest request, String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request != null && request.withdrawnBy() != null) {
            problems.add(new FieldProblem("withdrawnBy", "is not accepted: the person withdrawing is the subject of "
                    + "your token; remove the field"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            problems.add(new FieldProblem("reason", "is too long"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefused(Reason.UNPROCESSABLE, "Withdrawal refused",
                    problems.size() + " problem(s); see errors", problems);
        }
    }
}
