package dev.cascade.plan.plans.domain;

import dev.cascade.plan.validation.Violation;
import java.util.List;

/** A proposed plan was refused: each violation names a field. */
public class InvalidPlan extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidPlan(List<Violation> violations) {
        super("invalid plan: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
