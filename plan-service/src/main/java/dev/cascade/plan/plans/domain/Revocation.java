package dev.cascade.plan.plans.domain;

import java.time.LocalDate;
import java.util.Objects;

/** Why and from when a plan no longer applies. */
public record Revocation(LocalDate revokedOn, String revokedBy, String reason) {

    public Revocation {
        Objects.requireNonNull(revokedOn, "revokedOn");
    }
}
