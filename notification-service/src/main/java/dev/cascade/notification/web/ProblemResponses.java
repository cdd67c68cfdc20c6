package dev.cascade.notification.web;

import dev.cascade.platform.json.JsonRefusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;

/**
 * RFC 9457 problem documents for every error, with an {@code errors} list naming the offending fields of a 400
 * (e.g. {@code [{"field":"emails[1]","message":"not a valid e-mail address: 'vanthu'"}]}).
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ProblemDetail problem = badRequest(e.getMessage(), e.errors());
        problem.setStatus(e.status());
        if (e.status() == 404) {
            problem.setTitle("Not known");
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        JsonRefusal refusal = e.getCause() instanceof JacksonException jackson ? JsonRefusal.of(jackson)
                : new JsonRefusal("body", "a JSON body is required");
        return ResponseEntity.badRequest().body(badRequest("The request body is not valid JSON of the expected shape",
                List.of(new InvalidRequestException.FieldProblem(refusal.field(), refusal.message()))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(badRequest("Parameter '" + e.getParameterName() + "' is required",
                List.of(new InvalidRequestException.FieldProblem(e.getParameterName(), "is required"))));
    }

    private static ProblemDetail badRequest(String detail, List<InvalidRequestException.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
