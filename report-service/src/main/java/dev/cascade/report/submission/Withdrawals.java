package dev.cascade.report.submission;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.report.submission.Submissions.Accepted;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Withdraws a report: it stops counting. The withdrawal takes the next version number and is published as
 * {@code cascade.report.withdrawn}; a later submission takes the number after it.
 */
@Component
@RequiredArgsConstructor
public class Withdrawals {

    private static final int ATTEMPTS = 5;
    private static final int MAX_REASON = 2000;

    private final ReportStore reports;
    private final OutboxEvents events;
    private final Clock clock;

    public Accepted withdraw(String reportId, WithdrawalRequest request, Actor actor) {
        Report current = reports.get(reportId);
        if (!actor.mayActFor(current.unitCode())) {
            throw RequestRefused.of(Reason.FORBIDDEN, "Not your report",
                    new FieldProblem(Actor.UNIT_HEADER, "unit " + actor.unitCode() + " may not withdraw the report of"
                            + " unit " + current.unitCode()));
        }
        String by = request == null || SubmissionRules.blank(request.withdrawnBy()) ? actor.user()
                : request.withdrawnBy().strip();
        String reason = request == null || SubmissionRules.blank(request.reason()) ? null : request.reason().strip();
        checkWithdrawal(by, reason);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current.status() == ReportStatus.WITHDRAWN) {
                throw RequestRefused.of(Reason.CONFLICT, "Already withdrawn",
                        new FieldProblem("status", "report " + reportId + " is already withdrawn"));
            }
            Withdrawal withdrawal = new Withdrawal(current.latestVersion() + 1, by, actor.unitCode(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), reason);
            OutboxEvent event = events.compose(EventTypes.REPORT_WITHDRAWN, Topics.REPORTS, current.rollUpKey(),
                    current.id(), withdrawal.version(), withdrawal.withdrawnAt(), current.event(withdrawal));
            if (reports.change(current, null, new Update().push("withdrawals", withdrawal)
                    .set("latestVersion", withdrawal.version()).set("status", ReportStatus.WITHDRAWN), event)) {
                return new Accepted(current.id(), withdrawal.version(), current.late());
            }
            current = reports.get(reportId);
        }
        throw RequestRefused.of(Reason.CONFLICT, "Concurrent changes",
                new FieldProblem("reportId", "report " + reportId + " is being changed by someone else; try again"));
    }

    private static void checkWithdrawal(String by, String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        if (by == null) {
            problems.add(new FieldProblem("withdrawnBy", "is required (or send " + Actor.USER_HEADER + ")"));
        }
        if ((by != null && by.length() > SubmissionRules.MAX_TEXT) || (reason != null && reason.length() > MAX_REASON)) {
            problems.add(new FieldProblem(by != null && by.length() > SubmissionRules.MAX_TEXT ? "withdrawnBy"
                    : "reason", "is too long"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefused(Reason.UNPROCESSABLE, "Withdrawal refused",
                    problems.size() + " problem(s); see errors", problems);
        }
    }
}
