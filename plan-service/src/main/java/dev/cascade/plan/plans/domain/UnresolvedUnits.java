package dev.cascade.plan.plans.domain;

import java.util.List;

/**
 * A plan names units that cannot be resolved on some period: on the period's cut-off end (the day whose hierarchy
 * the period uses) the unit has no placement and no succession is in force. Nothing can owe or receive that report,
 * so the plan is refused when it is issued or amended, never carried on to be dead-lettered later.
 */
public class UnresolvedUnits extends RuntimeException {

    /** One unit and the periods it cannot be resolved on; {@code field} is {@code reportingUnits} or {@code issuerUnitCode}. */
    public record Unresolved(String field, String unitCode, List<String> periods, String message) {

        public Unresolved {
            periods = List.copyOf(periods);
        }
    }

    private final transient List<Unresolved> units;

    public UnresolvedUnits(String planId, List<Unresolved> units) {
        super("plan " + planId + ": " + units.size() + " unit(s) have neither a placement nor a successor on the"
                + " cut-off end of a period: " + String.join(", ", units.stream().map(Unresolved::unitCode).toList()));
        this.units = List.copyOf(units);
    }

    public List<Unresolved> units() {
        return units;
    }
}
