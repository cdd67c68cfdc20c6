package dev.cascade.platform.security;

import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;

import java.util.List;

/**
 * A request the caller's token does not allow: 403, with the rule that refused it in the problem's {@code rule}
 * member. Nothing is stored or published.
 */
public class AccessRefused extends RequestRefused {

    /** Refused by {@code rule} (the rule in words), {@code detail} saying what the token lacks. */
    public AccessRefused(String rule, String detail) {
        super(Reason.FORBIDDEN, "Not allowed", detail, List.<FieldProblem>of());
        with("rule", rule);
    }
}
