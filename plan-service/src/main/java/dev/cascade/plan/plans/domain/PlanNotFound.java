package dev.cascade.plan.plans.domain;

/** No plan has this id. */
public class PlanNotFound extends RuntimeException {

    public PlanNotFound(String planId) {
        super("no plan " + planId);
    }
}
