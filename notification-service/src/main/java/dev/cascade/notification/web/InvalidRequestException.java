package dev.cascade.notification.web;

import java.util.List;

/**
 * A request refused before anything was stored: answered 400 (or the status given, e.g. 404 for a write that points
 * at a unit or programme this service does not know) with a problem document naming each field.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> errors;
    private final int status;

    public InvalidRequestException(String detail, List<FieldProblem> errors) {
        this(400, detail, errors);
    }

    private InvalidRequestException(int status, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** 404: the request names a {@code field} whose value this service does not know. */
    public static InvalidRequestException notKnown(String field, String message) {
        return new InvalidRequestException(404, message, List.of(new FieldProblem(field, message)));
    }

    public int status() {
        return status;
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
