package dev.cascade.plan.web;

import dev.cascade.plan.plans.domain.Violation;

import java.util.List;

/** A request body with one or more wrong fields (400), each named in the problem's {@code errors}. */
public class InvalidRequest extends RuntimeException {

    private final String title;
    private final List<Violation> violations;

    public InvalidRequest(String title, List<Violation> violations) {
        super(violations.size() + " field(s) are missing or wrong");
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
