package dev.cascade.notification.web;

import java.util.List;

/** A request refused before anything was stored: answered 400 with a problem document naming each field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequestException(String detail, List<FieldProblem> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(message, List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One offending field, e.g. {@code emails[1]}, and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
