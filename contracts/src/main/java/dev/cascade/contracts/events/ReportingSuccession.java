package dev.cascade.contracts.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * From {@code from} on, the role of {@code unitCode} under a plan (as a reporting unit, or as the issuer the reports
 * go to) passes to {@code successors}: a period whose cut-off end is on or after {@code from} is owed by them instead.
 * Computed by plan-service from the merge mapping and the abolished-level rules when the plan is issued or amended.
 *
 * @param basis the legal basis in words, e.g. {@code "Nghị quyết 1680/NQ-UBTVQH15 (sáp nhập đơn vị hành chính cấp
 *              xã)"}; may be {@code null}
 */
public record ReportingSuccession(String unitCode, LocalDate from, SuccessionReason reason,
                                  List<SuccessorUnit> successors, String basis) {

    public ReportingSuccession {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(from, "from");
        successors = successors == null ? List.of() : List.copyOf(successors);
    }
}
