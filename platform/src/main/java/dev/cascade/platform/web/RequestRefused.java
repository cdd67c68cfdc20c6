package dev.cascade.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request refused before anything was stored or published, for a {@link Reason}; rendered by every service the
 * same way, as an RFC 9457 problem document with a {@code type}, a {@code title}, a {@code detail} and the
 * {@code errors} naming the fields at fault (see {@link RefusalResponses}). The HTTP status belongs to the reason,
 * so that the code that refuses says why, not which status.
 */
public class RequestRefused extends RuntimeException {

    /** Why a request is refused; each reason has its HTTP status. */
    public enum Reason {
        /** The request is malformed: a field, parameter or header has no acceptable value (400). */
        MALFORMED(400),
        /** The caller may not do this (403). */
        FORBIDDEN(403),
        /** The request names something this service does not know (404). */
        NOT_FOUND(404),
        /** The request contradicts what is stored (409). */
        CONFLICT(409),
        /** Well-formed, but its content breaks a rule of the domain (422). */
        UNPROCESSABLE(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final String title;
    private final List<FieldProblem> errors;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public RequestRefused(Reason reason, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.reason = reason;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** Refused for one field; the detail is {@code "<field>: <message>"}. */
    public static RequestRefused of(Reason reason, String title, FieldProblem problem) {
        return new RequestRefused(reason, title, problem.field() + ": " + problem.message(), List.of(problem));
    }

    /** Refused for one field, with {@code message} as the detail. */
    public static RequestRefused of(Reason reason, String title, String field, String message) {
        return new RequestRefused(reason, title, message, List.of(new FieldProblem(field, message)));
    }

    /** "Invalid request" (400) for one field, with {@code message} as the detail. */
    public static RequestRefused invalid(String field, String message) {
        return of(Reason.MALFORMED, "Invalid request", field, message);
    }

    /** "Invalid request" (400) for several fields. */
    public static RequestRefused invalid(String detail, List<FieldProblem> errors) {
        return new RequestRefused(Reason.MALFORMED, "Invalid request", detail, errors);
    }

    /** "Not known" (404): the request names, in {@code field}, something this service does not know. */
    public static RequestRefused notKnown(String field, String message) {
        return of(Reason.NOT_FOUND, "Not known", field, message);
    }

    /** Adds a member to the problem document (e.g. the aggregate key a 404 is about). */
    public RequestRefused with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the {@link #reason()}. */
    public int status() {
        return reason.status();
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
