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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent unit reviews the latest version of a child's report: accepts it, or returns it with a reason for the
 * child to correct and resubmit (a new version, which awaits review again). One write of the report document with
 * the {@code cascade.report.accepted} / {@code cascade.report.returned} event in its outbox.
 */
@Component
@RequiredArgsConstructor
public class Reviews {

    private final ReportStore reports;
    private final OutboxEvents events;
    private final Clock clock;
    private final ReportAccess access;
    private final AuditTrail audit;

    /** The outcome of a review: the report, the version reviewed and the status it now has. */
    public record Reviewed(String reportId, int version, ReportStatus status) {
    }

    /**
     * Reviews the report for {@code caller}, a REVIEWER of the report's parent unit (checked before anything else
     * about the request); the review records their subject and unit, and one audit entry.
     */
    public Reviewed review(String reportId, ReviewRequest request, Caller caller) {
        Report report = reports.get(reportId);
        Grant grant = access.reviewer(caller, report);
        ReviewRequest body = request == null ? new ReviewRequest(null, null, null, null) : request;
        List<FieldProblem> problems = new ArrayList<>();
        ReportStatus decision = null;
        if (SubmissionRules.blank(body.decision())) {
            problems.add(new FieldProblem("decision", "is required: ACCEPT or RETURN"));
        } else if (body.decision().strip().equals("ACCEPT")) {
            decision = ReportStatus.ACCEPTED;
        } else if (body.decision().strip().equals("RETURN")) {
            decision = ReportStatus.RETURNED;
        } else {
            problems.add(new FieldProblem("decision", "must be ACCEPT or RETURN, not " + body.decision()));
        }
        String reason = SubmissionRules.blank(body.reason()) ? null : body.reason().strip();
        if (decision == ReportStatus.RETURNED && reason == null) {
            problems.add(new FieldProblem("reason", "is required to return a report"));
        }
        if (reason != null && reason.length() > 2000) {
            problems.add(new FieldProblem("reason", "must be at most 2000 characters"));
        }
        if (body.reviewedBy() != null) {
            problems.add(new FieldProblem("reviewedBy", "is not accepted: the reviewer is the subject of your token; "
                    + "remove the field"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefused(Reason.UNPROCESSABLE, "Review refused",
                    problems.size() + " problem(s); see errors", problems);
        }
        if (report.status() != ReportStatus.SUBMITTED) {
            throw RequestRefused.of(Reason.CONFLICT, "Not awaiting review",
                    new FieldProblem("status", "report " + reportId + " is " + report.status()
                            + "; only a submitted version awaiting review can be reviewed"));
        }
        if (body.version() != null && body.version() != report.latestVersion()) {
            throw RequestRefused.of(Reason.CONFLICT, "Not the latest version",
                    new FieldProblem("version", "version " + body.version() + " is not the latest ("
                            + report.latestVersion() + ")"));
        }
        Review review = new Review(report.latestVersion(), decision, caller.unitCode(), caller.subject(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), reason);
        String type = decision == ReportStatus.ACCEPTED ? EventTypes.REPORT_ACCEPTED : EventTypes.REPORT_RETURNED;
        OutboxEvent event = events.compose(type, Topics.REPORTS, report.rollUpKey(), report.id(), review.version(),
                review.reviewedAt(), report.event(review));
        if (!reports.change(report, ReportStatus.SUBMITTED,
                new Update().push("reviews", review).set("status", decision), event)) {
            throw RequestRefused.of(Reason.CONFLICT, "Changed meanwhile",
                    new FieldProblem("version", "report " + reportId + " changed while it was reviewed; read it again"));
        }
        audit.record(grant, AuditedChange.of(decision == ReportStatus.ACCEPTED ? "report.accepted"
                        : "report.returned", "report", report.id(), report.unitCode(), (long) review.version(),
                (long) review.version()).because(reason));
        return new Reviewed(report.id(), review.version(), decision);
    }
}
