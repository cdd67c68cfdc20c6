package dev.cascade.plan.web;

import dev.cascade.plan.plans.domain.InvalidPlan;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanNotFound;
import dev.cascade.plan.plans.domain.Violation;
import dev.cascade.platform.json.JsonRefusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;

/**
 * Every refusal as RFC 9457 problem JSON; a 4xx about the request body carries
 * {@code "errors": [{"field": ..., "message": ...}]} naming the field(s).
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidPlan.class)
    ResponseEntity<ProblemDetail> invalidPlan(InvalidPlan e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid plan",
                e.violations().size() + " field(s) are missing or wrong", e.violations());
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequest e) {
        return problem(HttpStatus.BAD_REQUEST, e.title(), e.getMessage(), e.violations());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> otherConflict(Conflict e) {
        List<Violation> errors = e.field() == null ? List.of() : List.of(new Violation(e.field(), e.getMessage()));
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), errors);
    }

    @ExceptionHandler(InvalidParameter.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameter e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid parameter", e.getMessage(),
                List.of(new Violation(e.field(), e.getMessage())));
    }

    @ExceptionHandler(PlanConflict.class)
    ResponseEntity<ProblemDetail> conflict(PlanConflict e) {
        List<Violation> errors = e.field() == null ? List.of() : List.of(new Violation(e.field(), e.getMessage()));
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), errors);
    }

    @ExceptionHandler({PlanNotFound.class, NotFound.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    /** Malformed JSON, or a value of the wrong type: name the field from the parser's path. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = "body";
        String message = "the request body is missing or unreadable";
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                JsonRefusal refusal = JsonRefusal.of(jackson);
                field = refusal.field();
                message = refusal.message();
                break;
            }
        }
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Malformed request",
                field.isEmpty() ? message : field + " " + message, List.of(new Violation(field, message)));
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .body(response.getBody());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (errors != null) {
            problem.setProperty("errors", errors.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
