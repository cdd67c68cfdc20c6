package dev.cascade.notification.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

import java.util.List;

/** RFC 9457 problem documents with an {@code errors} list naming the offending fields. */
@RestControllerAdvice
class ProblemResponses {

    @ExceptionHandler
    ProblemDetail invalid(InvalidRequestException e) {
        return problem(e.getMessage(), e.errors());
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String field = "body";
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        return problem("The request body is not valid JSON of the expected shape",
                List.of(new InvalidRequestException.FieldProblem(field, "malformed or of the wrong type")));
    }

    @ExceptionHandler
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return problem("Parameter '" + e.getParameterName() + "' is required",
                List.of(new InvalidRequestException.FieldProblem(e.getParameterName(), "is required")));
    }

    private static ProblemDetail problem(String detail, List<InvalidRequestException.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
