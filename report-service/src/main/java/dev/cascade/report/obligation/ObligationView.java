package dev.cascade.report.obligation;

import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An obligation as {@code GET /obligations} shows it.
 *
 * @param replaces          the units it is owed in place of ("thay cho …"), empty when the unit owes its own
 * @param partialSuccession whether the unit took over only a part of one of them (a partial merge)
 * @param closedReason      why it is {@code CLOSED} ({@code NO_LONGER_REQUIRED}, {@code PLAN_REVOKED}), else null
 */
public record ObligationView(String obligationId, String planId, String programme, String period, String unitCode,
                             UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt,
                             ObligationStatus status, String reportId, Instant fulfilledAt, Instant overdueSince,
                             long version, List<String> replaces, boolean partialSuccession,
                             ClosureReason closedReason, Instant closedAt) {

    static ObligationView of(Obligation o) {
        return new ObligationView(o.id(), o.planId(), o.programme(), o.period(), o.unitCode(), o.level(),
                o.parentCode(), o.deadline(), o.dueAt(), o.status(), o.reportId(), o.fulfilledAt(), o.overdueSince(),
                o.version(), o.replaces(), o.partialSuccession(), o.closedReason(), o.closedAt());
    }
}
