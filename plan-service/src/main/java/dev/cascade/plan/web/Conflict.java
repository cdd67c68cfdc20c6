package dev.cascade.plan.web;

/** The request contradicts the stored state (409); {@code field} names the field at fault, if one is. */
public class Conflict extends RuntimeException {

    private final String field;

    public Conflict(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
