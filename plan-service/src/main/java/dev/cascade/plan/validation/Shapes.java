package dev.cascade.plan.validation;

import dev.cascade.platform.web.ShapeCheck;

import java.util.List;

/** The shape problems of a request (its Bean Validation constraints, see {@link ShapeCheck}) as violations. */
public final class Shapes {

    private Shapes() {
    }

    public static List<Violation> of(Object request) {
        return ShapeCheck.standalone().problems(request).stream()
                .map(problem -> new Violation(problem.field(), problem.message())).toList();
    }
}
