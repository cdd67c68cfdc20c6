package dev.cascade.report.web;

import java.util.List;

/** A request refused with a 4xx status, rendered as an RFC 9457 problem document naming the fields at fault. */
public class RejectedRequest extends RuntimeException {

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int UNPROCESSABLE = 422;

    private final int status;
    private final String title;
    private final List<FieldProblem> errors;

    public RejectedRequest(int status, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static RejectedRequest of(int status, String title, FieldProblem problem) {
        return new RejectedRequest(status, title, problem.field() + ": " + problem.message(), List.of(problem));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
