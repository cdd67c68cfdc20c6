package dev.cascade.portal.rollup;

import dev.cascade.portal.api.Aggregate;
import dev.cascade.portal.api.MissingUnits;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Unit;

import java.util.List;

/**
 * What the roll-up page shows for a unit, a programme and a period: the unit's aggregate, its missing units by name,
 * its children (every child unit of the period's tree, with its figures when it has reported) and the way up.
 *
 * @param path     the units from the top the person may see down to this one
 * @param restate  whether the figures are restated onto the units after the 2025 reform
 */
public record RollupView(Plan plan, Plan.Period period, Unit unit, List<Unit> path, Aggregate aggregate,
                        MissingUnits missing, List<Row> rows, boolean restate, boolean beforeReform) {

    /** A child unit: its name and, once it has reported or rolled up, its figures. */
    public record Row(Unit unit, Aggregate.Child child, boolean missing) {

        public boolean drillable() {
            return child != null && child.rollUp() || child == null && !"COMMUNE".equals(unit.level());
        }
    }
}
