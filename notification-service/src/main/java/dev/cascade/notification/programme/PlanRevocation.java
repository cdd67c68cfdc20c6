package dev.cascade.notification.programme;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A plan revoked ({@code cascade.plan.revoked}): its obligations get no reminder and count in no digest from the
 * moment it is known here, before report-service's closures of them arrive.
 *
 * @param version    the plan's version that revoked it
 * @param recordedAt when this service learnt of it (its clock)
 */
@Document("plan-revocations")
public record PlanRevocation(@Id String planId, String issuerUnitCode, LocalDate revokedOn, String revokedBy,
                             long version, Instant recordedAt) {
}
