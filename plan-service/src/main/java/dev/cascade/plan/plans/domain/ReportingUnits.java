package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.plan.unit.domain.AdministrativeUnit;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The units that report on a plan: known, each once, existing on the issue date beneath the issuer, and of a level
 * the programme gives a deadline for.
 */
final class ReportingUnits {

    private ReportingUnits() {
    }

    static List<String> read(PlanCheck check, List<String> proposed, UnitTree units, String issuer,
                             LocalDate issueDate, Programme programme) {
        if (!check.sound("reportingUnits")) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < proposed.size(); i++) {
            String f = "reportingUnits[" + i + "]";
            String code = proposed.get(i);
            AdministrativeUnit unit = units.named(code);
            if (unit == null) {
                check.fail(f, "unknown unit " + code);
                continue;
            }
            if (!seen.add(code)) {
                check.fail(f, "unit " + code + " appears twice");
                continue;
            }
            if (issueDate == null || issuer == null || !units.knows(issuer)) {
                continue;
            }
            Optional<UnitPlacement> placement = unit.placementOn(issueDate);
            if (placement.isEmpty()) {
                check.fail(f, "unit " + code + " does not exist on the issue date " + issueDate);
                continue;
            }
            if (!units.within(unit, issuer, issueDate)) {
                check.fail(f, "unit " + code + " is not under the issuer " + issuer + " on " + issueDate);
            }
            if (programme != null && !programme.deadlines().containsKey(placement.get().level())) {
                check.fail(f, "programme.deadlines has no deadline for level " + placement.get().level()
                        + " of unit " + code);
            }
        }
        return List.copyOf(seen);
    }
}
