package dev.cascade.aggregation.plan;

import java.util.List;
import java.util.Set;

/**
 * What an issued plan changed for the roll-ups: per (programme, period), the units whose expected reporters or
 * rules changed, and the issuer, whose roll-ups now have other targets.
 *
 * @param allUnits whether every roll-up of the (programme, period) is affected (the rules changed)
 */
public record PlanEffects(List<PeriodEffect> periods, String issuerUnitCode) {

    public record PeriodEffect(String programme, String period, boolean allUnits, Set<String> units) {

        public PeriodEffect {
            units = Set.copyOf(units);
        }
    }

    public PlanEffects {
        periods = List.copyOf(periods);
    }
}
