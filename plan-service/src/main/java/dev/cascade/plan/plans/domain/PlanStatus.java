package dev.cascade.plan.plans.domain;

/** A plan is drafted, then issued; an issued plan is no longer edited (amendments come as new versions later). */
public enum PlanStatus {
    DRAFT, ISSUED
}
