package dev.cascade.portal.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An obligation as report-service shows it ({@code GET /obligations}): who owes which report, by when.
 *
 * @param replaces          the units this one owes the report in place of since the 2025 reform (empty: its own)
 * @param partialSuccession whether it replaces only part of one of them
 * @param closedReason      why a CLOSED obligation is no longer owed: NO_LONGER_REQUIRED or PLAN_REVOKED
 */
public record Obligation(String obligationId, String planId, String programme, String period, String unitCode,
                         String level, String parentCode, LocalDate deadline, Instant dueAt, String status,
                         String reportId, Instant fulfilledAt, Instant overdueSince, List<String> replaces,
                         boolean partialSuccession, String closedReason) {

    public Obligation {
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }

    /** An obligation a unit owes for itself, still in force. */
    public Obligation(String obligationId, String planId, String programme, String period, String unitCode,
                      String level, String parentCode, LocalDate deadline, Instant dueAt, String status,
                      String reportId, Instant fulfilledAt, Instant overdueSince) {
        this(obligationId, planId, programme, period, unitCode, level, parentCode, deadline, dueAt, status, reportId,
                fulfilledAt, overdueSince, List.of(), false, null);
    }

    public boolean fulfilled() {
        return status != null && status.startsWith("FULFILLED");
    }

    /** No report is owed any more: the plan was amended without this unit, or revoked. */
    public boolean closed() {
        return "CLOSED".equals(status);
    }

    /** The units replaced, comma-separated, for "thay cho …"; empty when none. */
    public String replacedUnits() {
        return String.join(", ", replaces);
    }
}
