package dev.cascade.portal.api;

import java.time.LocalDate;

/** A line of {@code GET /plans}. */
public record PlanSummary(String planId, String status, int version, String number, String title,
                          String issuerUnitCode, LocalDate issueDate, String programme, int reportingUnits,
                          int targets, int tasks) {
}
