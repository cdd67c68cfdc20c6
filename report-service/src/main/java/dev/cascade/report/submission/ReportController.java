package dev.cascade.report.submission;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.cascade.platform.security.Caller;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;

import java.net.URI;

/**
 * {@code POST /reports}, {@code GET /reports/{id}} (as corrected: the latest version), {@code GET
 * /reports/{id}/versions/{n}} (version n as submitted), {@code POST /reports/{id}/withdrawal} and
 * {@code POST /reports/{id}/review}. Who calls is the bearer token's {@link Caller}; each endpoint checks the
 * platform's access rules for the report's unit on the day its period's hierarchy is taken from (see
 * {@link ReportAccess}) before anything is stored or published.
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ReportController {

    private final Submissions submissions;
    private final Withdrawals withdrawals;
    private final Reviews reviews;
    private final ReportStore reports;
    private final ReportAccess access;

    @Operation(summary = "Submits a report, the first version or a revision (idempotent with Idempotency-Key)")
    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Submissions.Accepted> submit(@RequestBody SubmissionRequest request,
                                                @RequestHeader(name = Submissions.IDEMPOTENCY_KEY, required = false)
                                                String idempotencyKey, Caller caller) {
        Submissions.Outcome outcome = submissions.submit(request, caller, idempotencyKey);
        Submissions.Accepted accepted = outcome.accepted();
        return ResponseEntity.created(URI.create("/reports/" + accepted.reportId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(accepted);
    }

    @Operation(summary = "A report with every version, withdrawal and review")
    @GetMapping("/reports/{id}")
    ReportView report(@PathVariable String id, Caller caller) {
        Report report = reports.get(id);
        access.reader(caller, report);
        return ReportView.of(report);
    }

    @Operation(summary = "One submitted version of a report")
    @GetMapping("/reports/{id}/versions/{version}")
    ReportView.Version version(@PathVariable String id, @PathVariable int version, Caller caller) {
        Report report = reports.get(id);
        access.reader(caller, report);
        return report.version(version).map(ReportView.Version::of)
                .orElseThrow(() -> RequestRefused.of(
                        RequestRefused.Reason.NOT_FOUND, "Version not found",
                        new FieldProblem("version", "report " + id + " has no submitted version "
                                + version)));
    }

    @Operation(summary = "Withdraws a report")
    @PostMapping(path = "/reports/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    Submissions.Accepted withdraw(@PathVariable String id, @RequestBody(required = false) WithdrawalRequest request,
                                  Caller caller) {
        return withdrawals.withdraw(id, request, caller);
    }

    @Operation(summary = "Accepts or returns the latest version of a report")
    @PostMapping(path = "/reports/{id}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
    Reviews.Reviewed review(@PathVariable String id, @RequestBody ReviewRequest request, Caller caller) {
        return reviews.review(id, request, caller);
    }
}
