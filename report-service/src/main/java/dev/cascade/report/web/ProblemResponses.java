package dev.cascade.report.web;

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
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
        BodyTooLarge tooLarge = causeOf(ex, BodyTooLarge.class);
        if (tooLarge != null) {
            return widen(problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", tooLarge.getMessage(),
                    List.of(new FieldProblem("body", "must be at most " + tooLarge.limit() + " bytes"))));
        }
        JacksonException json = causeOf(ex, JacksonException.class);
        FieldProblem problem;
        if (json == null) {
            problem = new FieldProblem("body", "a JSON body is required");
        } else if (json instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            problem = new FieldProblem(path(mismatch), expected(mismatch));
        } else if (json instanceof StreamReadException && json.getLocation() != null) {
            problem = new FieldProblem(json.getPath().isEmpty() ? "body" : path(json),
                    "malformed JSON at line " + json.getLocation().getLineNr() + ", column "
                            + json.getLocation().getColumnNr() + ": " + json.getOriginalMessage());
        } else {
            problem = new FieldProblem(json.getPath().isEmpty() ? "body" : path(json), json.getOriginalMessage());
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

    /** {@code values.GDNN_INTAKE_RATE.numerator}, {@code tasks[0].task}. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(MismatchedInputException mismatch) {
        Class<?> target = mismatch.getTargetType();
        if (target == null) {
            return mismatch.getOriginalMessage();
        }
        if (Number.class.isAssignableFrom(target) || target == BigDecimal.class || target.isPrimitive()) {
            return "must be a number";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "must be a JSON object";
        }
        return mismatch.getOriginalMessage();
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
