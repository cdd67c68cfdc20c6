package dev.cascade.contracts.events;

import java.time.LocalDate;

/** A plan that was revoked, with the day from which it no longer applies. */
public record RevokedPlan(String planId, LocalDate revokedOn) {
}
