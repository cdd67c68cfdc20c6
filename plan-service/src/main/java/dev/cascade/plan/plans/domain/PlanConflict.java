package dev.cascade.plan.plans.domain;

/** A request that contradicts the plan's state or another plan (issued already, programme code taken). */
public class PlanConflict extends RuntimeException {

    private final String field;

    public PlanConflict(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, or {@code null} when the state itself forbids the request. */
    public String field() {
        return field;
    }
}
