package dev.cascade.plan.web;

/** A request parameter is malformed (400), e.g. {@code asOf} that is not a date. */
public class InvalidParameter extends RuntimeException {

    private final String field;

    public InvalidParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
