package dev.cascade.portal.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A service said no: the RFC 9457 problem it answered with, kept whole so that a page can show each field's message
 * next to its field and the refused rule of a 403.
 */
public final class ServiceProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final String rule;
    private final List<FieldError> errors;

    public ServiceProblem(int status, String type, String title, String detail, String rule, List<FieldError> errors) {
        super(status + " " + (title == null ? "" : title) + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.rule = rule;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One field's problem: the JSON path of the field and the message. */
    public record FieldError(String field, String message) {
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String rule() {
        return rule;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The messages by field path ({@code values.X.numerator}, {@code narrative.results}, ...), several joined. */
    public Map<String, String> byField() {
        return errors.stream().collect(Collectors.toMap(FieldError::field, FieldError::message,
                (a, b) -> a + "; " + b, java.util.LinkedHashMap::new));
    }
}
