package dev.cascade.portal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A plan as plan-service shows it ({@code GET /plans/{id}}). */
public record Plan(String planId, String status, int version, String number, String title, String issuerUnitCode,
                   LocalDate issueDate, List<String> basis, Integer horizonStart, Integer horizonEnd,
                   List<Target> targets, List<Task> tasks, Programme programme, List<String> reportingUnits,
                   Instant issuedAt, Revocation revocation) {

    /** A target of the plan for one indicator and year. */
    public record Target(String indicator, int year, String comparator, BigDecimal value, BigDecimal upper) {
    }

    /** A task with its lead and cooperating units. */
    public record Task(String number, String title, String leadUnit, List<String> cooperatingUnits) {
    }

    /** The reporting programme the plan sets up. */
    public record Programme(String code, String title, String frequency, List<String> indicators,
                            List<Indicator> dataForm, List<String> outline, Map<String, String> deadlines,
                            List<Period> periods) {

        /** The period with this id, or null. */
        public Period period(String id) {
            return periods == null ? null : periods.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        }

        /** The period before this one in the programme's schedule, or null. */
        public Period periodBefore(String id) {
            if (periods == null) {
                return null;
            }
            for (int i = 1; i < periods.size(); i++) {
                if (periods.get(i).id().equals(id)) {
                    return periods.get(i - 1);
                }
            }
            return null;
        }
    }

    /** An indicator of the data form, frozen when the plan was issued. */
    public record Indicator(String code, String name, String unitOfMeasure, String kind, String aggregation,
                            String numeratorLabel, String denominatorLabel) {

        public boolean ratio() {
            return "RATIO".equals(kind);
        }
    }

    /** A reporting period with its computed deadline per level. */
    public record Period(String id, LocalDate cutOffStart, LocalDate cutOffEnd, Map<String, LocalDate> deadlines) {
    }

    /** Why and when a plan was revoked. */
    public record Revocation(LocalDate revokedOn, String revokedBy, String reason) {
    }

    /** The target for an indicator in a year, or null. */
    public Target target(String indicator, int year) {
        return targets == null ? null : targets.stream()
                .filter(t -> t.indicator().equals(indicator) && t.year() == year).findFirst().orElse(null);
    }
}
