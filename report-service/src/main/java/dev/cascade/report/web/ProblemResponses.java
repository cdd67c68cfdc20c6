package dev.cascade.report.web;

import dev.cascade.platform.json.JsonRefusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;

/**
 * Every refused request as an RFC 9457 problem document ({@code application/problem+json}) with an {@code errors}
 * list naming the fields at fault: {@code [{"field": "values.GDNN_INTAKE_RATE.numerator", "message": "..."}]}.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    static final String ERRORS = "errors";

    @ExceptionHandler(RejectedRequest.class)
    ResponseEntity<ProblemDetail> rejected(RejectedRequest rejected) {
        return problem(HttpStatus.valueOf(rejected.status()), rejected.title(), rejected.getMessage(),
                rejected.errors());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        JacksonException json = causeOf(ex, JacksonException.class);
        FieldProblem problem;
        if (json == null) {
            problem = new FieldProblem("body", "a JSON body is required");
        } else {
            JsonRefusal refusal = JsonRefusal.of(json);
            problem = new FieldProblem(refusal.field(), refusal.message());
        }
        return widen(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                problem.field() + ": " + problem.message(), List.of(problem)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "the body must be application/json", List.of(new FieldProblem("Content-Type",
                        "must be application/json, not " + ex.getContentType())));
        return widen(ResponseEntity.status(problem.getStatusCode()).headers(headers).body(problem.getBody()));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty(ERRORS, errors);
        return ResponseEntity.status(status).body(problem);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
