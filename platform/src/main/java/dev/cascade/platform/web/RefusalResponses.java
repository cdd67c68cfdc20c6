package dev.cascade.platform.web;

import dev.cascade.platform.json.JsonRefusal;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.List;

/**
 * The one error model of every service: a {@link RequestRefused}, and what Spring MVC refuses before a controller
 * runs (unreadable JSON, a wrong content type, a missing or mistyped parameter), as RFC 9457 problem documents with
 * {@code errors: [{"field": ..., "message": ...}]} naming what is at fault. {@link ProblemTyping} then gives each its
 * {@code type} and cuts what it echoes.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class RefusalResponses extends ResponseEntityExceptionHandler {

    /** The problem member listing the fields at fault. */
    public static final String ERRORS = "errors";

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<ProblemDetail> refused(RequestRefused refused) {
        return render(refused);
    }

    /** The problem document of a refusal: for a service's own handler of an exception of its domain. */
    public static ResponseEntity<ProblemDetail> render(RequestRefused refused) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.valueOf(refused.status()), refused.title(),
                refused.getMessage(), refused.errors());
        refused.properties().forEach(response.getBody()::setProperty);
        return response;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldProblem problem = new FieldProblem("body", "a JSON body is required");
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                JsonRefusal refusal = JsonRefusal.of(json);
                problem = new FieldProblem(refusal.field(), refusal.message());
                break;
            }
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

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return widen(problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                "Parameter '" + ex.getParameterName() + "' is required",
                List.of(new FieldProblem(ex.getParameterName(), "is required"))));
    }

    /** A path variable or parameter of the wrong type ({@code version=abc}): named, without Java type names. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "a valid value" : describe(ex.getRequiredType());
        return widen(problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
                name + " must be " + expected, List.of(new FieldProblem(name, "must be " + expected))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Missing header", "Header '" + ex.getHeaderName() + "' is required",
                List.of(new FieldProblem(ex.getHeaderName(), "is required")));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "a date and time (ISO 8601)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a valid value";
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty(ERRORS, errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
