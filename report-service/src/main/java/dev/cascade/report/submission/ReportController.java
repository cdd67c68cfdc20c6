package dev.cascade.report.submission;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * {@code POST /reports}, {@code GET /reports/{id}} (as corrected: the latest version), {@code GET
 * /reports/{id}/versions/{n}} (version n as submitted), {@code POST /reports/{id}/withdrawal} and
 * {@code POST /reports/{id}/review}. The caller may declare the unit it acts for ({@code X-Cascade-Unit}) and who it
 * is ({@code X-Cascade-User}); see {@link Actor}.
 */
@RestController
class ReportController {

    private final Submissions submissions;
    private final Reviews reviews;

    ReportController(Submissions submissions, Reviews reviews) {
        this.submissions = submissions;
        this.reviews = reviews;
    }

    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Submissions.Accepted> submit(@RequestBody SubmissionRequest request,
                                                @RequestHeader(name = Submissions.IDEMPOTENCY_KEY, required = false)
                                                String idempotencyKey,
                                                @RequestHeader(name = Actor.UNIT_HEADER, required = false) String unit,
                                                @RequestHeader(name = Actor.USER_HEADER, required = false) String user) {
        Submissions.Outcome outcome = submissions.submit(request, Actor.of(unit, user), idempotencyKey);
        Submissions.Accepted accepted = outcome.accepted();
        return ResponseEntity.created(URI.create("/reports/" + accepted.reportId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(accepted);
    }

    @GetMapping("/reports/{id}")
    ReportView report(@PathVariable String id) {
        return submissions.find(id).map(ReportView::of).orElseThrow(() -> Submissions.notFound(id));
    }

    @GetMapping("/reports/{id}/versions/{version}")
    ReportView.Version version(@PathVariable String id, @PathVariable int version) {
        Report report = submissions.find(id).orElseThrow(() -> Submissions.notFound(id));
        return report.version(version).map(ReportView.Version::of)
                .orElseThrow(() -> dev.cascade.report.web.RejectedRequest.of(
                        dev.cascade.report.web.RejectedRequest.NOT_FOUND, "Version not found",
                        new dev.cascade.report.web.FieldProblem("version", "report " + id + " has no submitted version "
                                + version)));
    }

    @PostMapping(path = "/reports/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    Submissions.Accepted withdraw(@PathVariable String id, @RequestBody(required = false) WithdrawalRequest request,
                                  @RequestHeader(name = Actor.UNIT_HEADER, required = false) String unit,
                                  @RequestHeader(name = Actor.USER_HEADER, required = false) String user) {
        return submissions.withdraw(id, request, Actor.of(unit, user));
    }

    @PostMapping(path = "/reports/{id}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    Reviews.Reviewed review(@PathVariable String id, @RequestBody ReviewRequest request,
                            @RequestHeader(name = Actor.UNIT_HEADER, required = false) String unit,
                            @RequestHeader(name = Actor.USER_HEADER, required = false) String user) {
        return reviews.review(id, request, Actor.of(unit, user));
    }
}
