package dev.cascade.report.submission;

import dev.cascade.report.web.FieldProblem;
import dev.cascade.report.web.RejectedRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** {@code POST /reports} and {@code GET /reports/{id}}. */
@RestController
class ReportController {

    private final Submissions submissions;

    ReportController(Submissions submissions) {
        this.submissions = submissions;
    }

    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Submissions.Accepted> submit(@RequestBody SubmissionRequest request) {
        Submissions.Accepted accepted = submissions.submit(request);
        return ResponseEntity.created(URI.create("/reports/" + accepted.reportId())).body(accepted);
    }

    @GetMapping("/reports/{id}")
    ReportView report(@PathVariable String id) {
        return submissions.find(id).map(ReportView::of)
                .orElseThrow(() -> RejectedRequest.of(RejectedRequest.NOT_FOUND, "Report not found",
                        new FieldProblem("id", "no report " + id)));
    }
}
