package dev.cascade.plan.validation;

import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;

import java.util.List;

/** Violations as the refusal of a request: 400, each violation a field at fault. */
public final class Violations {

    private Violations() {
    }

    public static RequestRefused refused(String title, List<Violation> violations) {
        return new RequestRefused(Reason.MALFORMED, title, violations.size() + " field(s) are missing or wrong",
                violations.stream().map(v -> new FieldProblem(v.field(), v.message())).toList());
    }
}
