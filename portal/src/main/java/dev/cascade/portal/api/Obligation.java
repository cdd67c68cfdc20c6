package dev.cascade.portal.api;

import java.time.Instant;
import java.time.LocalDate;

/** An obligation as report-service shows it ({@code GET /obligations}): who owes which report, by when. */
public record Obligation(String obligationId, String planId, String programme, String period, String unitCode,
                         String level, String parentCode, LocalDate deadline, Instant dueAt, String status,
                         String reportId, Instant fulfilledAt, Instant overdueSince) {

    public boolean fulfilled() {
        return status != null && status.startsWith("FULFILLED");
    }
}
