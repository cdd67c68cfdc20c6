package dev.cascade.contracts.events;

import java.time.LocalDate;

/**
 * A plan was revoked (bãi bỏ): from {@code revokedOn} no more reports are owed under its programme. Keyed by
 * {@link #planId()} on the plans topic, after the plan's {@code cascade.plan.issued} / {@code cascade.plan.amended}.
 *
 * @param revokedBy the document that revoked it (number), {@code null} if none is named
 * @param version   the plan's next version after the last issued or amended one (issued 1, amended 2, revoked 3)
 */
public record PlanRevoked(String planId, String issuerUnitCode, LocalDate revokedOn, String revokedBy, String reason,
                          long version) {
}
