package dev.cascade.report.obligation;

import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;

import java.time.Instant;
import java.time.LocalDate;

/** An obligation as {@code GET /obligations} shows it. */
public record ObligationView(String obligationId, String planId, String programme, String period, String unitCode,
                             UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt,
                             ObligationStatus status, String reportId, Instant fulfilledAt, Instant overdueSince,
                             long version) {

    static ObligationView of(Obligation o) {
        return new ObligationView(o.id(), o.planId(), o.programme(), o.period(), o.unitCode(), o.level(),
                o.parentCode(), o.deadline(), o.dueAt(), o.status(), o.reportId(), o.fulfilledAt(), o.overdueSince(),
                o.version());
    }
}
