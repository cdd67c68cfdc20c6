package dev.cascade.plan.plans.domain;

/**
 * The people recorded on a plan: the subject of the token of whoever created it, last revised the draft, issued it,
 * last amended it and revoked it ({@code null} where it has not happened). Never taken from a request body. A plan
 * loaded by the service's own start-up (demo data) names {@link #SEEDED} instead of a person.
 */
public record PlanActors(String createdBy, String revisedBy, String issuedBy, String amendedBy, String revokedBy) {

    /** Nobody recorded (plans stored before people were recorded). */
    public static final PlanActors NONE = new PlanActors(null, null, null, null, null);

    /** What a plan loaded by the service's start-up (demo data) records instead of a person. */
    public static final String SEEDED = "plan-service:demo-data";

    public static PlanActors createdBy(String subject) {
        return new PlanActors(subject, null, null, null, null);
    }

    PlanActors revisedBy(String subject) {
        return new PlanActors(createdBy, subject, issuedBy, amendedBy, revokedBy);
    }

    PlanActors issuedBy(String subject) {
        return new PlanActors(createdBy, revisedBy, subject, amendedBy, revokedBy);
    }

    PlanActors amendedBy(String subject) {
        return new PlanActors(createdBy, revisedBy, issuedBy, subject, revokedBy);
    }

    PlanActors revokedBy(String subject) {
        return new PlanActors(createdBy, revisedBy, issuedBy, amendedBy, subject);
    }
}
