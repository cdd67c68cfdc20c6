package dev.cascade.plan.plans.domain;

/**
 * A plan is drafted, then issued; an issued plan is no longer edited, only amended (a new published version of the
 * whole plan) or revoked. A revoked plan is final.
 */
public enum PlanStatus {
    DRAFT, ISSUED, AMENDED, REVOKED;

    /** Issued or amended: in force, published, read-only. */
    public boolean inForce() {
        return this == ISSUED || this == AMENDED;
    }
}
