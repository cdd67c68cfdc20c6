package dev.cascade.plan.plans.domain;

import java.util.Optional;

/** The plans already in the system, as far as a child plan's basis needs them: the issuer of a plan id. */
public interface PlanDirectory {

    Optional<String> issuerOf(String planId);
}
