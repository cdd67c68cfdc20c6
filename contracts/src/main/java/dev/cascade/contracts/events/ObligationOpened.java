package dev.cascade.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A unit owes a report for (programme, period). Keyed by {@link #unitCode()}.
 *
 * @param deadline the last day to report, in Asia/Ho_Chi_Minh
 * @param dueAt    the instant the deadline ends (end of that day in Asia/Ho_Chi_Minh)
 * @param replaces the units this one owes the report in place of (the 2025 reform, see {@link Successions}); empty
 *                 when it owes its own. Optional, added within v1
 * @param partialSuccession whether it replaces only a part of one of them (a partial merge). Optional, added within v1
 */
public record ObligationOpened(String obligationId, String planId, String programme, String period, String unitCode,
                               UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt, long version,
                               List<String> replaces, boolean partialSuccession) {

    public ObligationOpened {
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }

    /** An obligation a unit owes for itself. */
    public ObligationOpened(String obligationId, String planId, String programme, String period, String unitCode,
                            UnitLevel level, String parentCode, LocalDate deadline, Instant dueAt, long version) {
        this(obligationId, planId, programme, period, unitCode, level, parentCode, deadline, dueAt, version, List.of(),
                false);
    }
}
