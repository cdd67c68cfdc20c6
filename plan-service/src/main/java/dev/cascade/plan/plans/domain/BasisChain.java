package dev.cascade.plan.plans.domain;

import dev.cascade.plan.unit.domain.AdministrativeUnit;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A basis entry shaped like a plan id ({@code KH-30-2023-2625}) names a parent plan of the system: it must exist,
 * and this plan's issuer must sit below the parent's issuer on the issue date. Other entries are external documents
 * by number ({@code 21-CT/TW}) and are kept as given.
 */
final class BasisChain {

    private static final Pattern PLAN_ID = Pattern.compile("KH-[A-Z0-9]+-\\d{4}-[A-Z0-9-]+");

    private final PlanDirectory plans;

    BasisChain(PlanDirectory plans) {
        this.plans = plans;
    }

    void check(PlanCheck check, List<String> basis, String issuer, LocalDate issueDate, UnitTree units) {
        for (int i = 0; i < basis.size(); i++) {
            String entry = basis.get(i);
            if (!PLAN_ID.matcher(entry).matches()) {
                continue;
            }
            String f = "basis[" + i + "]";
            Optional<String> parentIssuer = plans.issuerOf(entry);
            if (parentIssuer.isEmpty()) {
                check.fail(f, "unknown plan " + entry + " (a plan id; external documents are given by number, e.g."
                        + " 2625/KH-UBND)");
                continue;
            }
            AdministrativeUnit unit = units.named(issuer);
            if (unit == null || issueDate == null || unit.placementOn(issueDate).isEmpty()) {
                continue;
            }
            String parent = unit.placementOn(issueDate).get().parentCode();
            AdministrativeUnit parentUnit = parent == null ? null : units.any(parent);
            if (parentUnit == null || !units.within(parentUnit, parentIssuer.get(), issueDate)) {
                check.fail(f, "the issuer " + issuer + " does not sit below " + parentIssuer.get() + ", the issuer of"
                        + " the parent plan " + entry + ", on " + issueDate);
            }
        }
    }
}
