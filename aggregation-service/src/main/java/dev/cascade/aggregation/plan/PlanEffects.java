package dev.cascade.aggregation.plan;

import java.util.List;
import java.util.Set;

/**
 * What a plan change did to the roll-ups: per (programme, period), the units whose expected reporters or rules
 * changed (or every roll-up of the period: new rules, a revocation), and the units whose roll-ups of the programme
 * carry the plan's targets (its issuer, and whoever holds the issuer's role after a reform).
 *
 * @param targetHolders units whose roll-ups of {@code programme} (every period) are to be recomputed for targets
 */
public record PlanEffects(List<PeriodEffect> periods, String programme, Set<String> targetHolders) {

    /** @param allUnits whether every roll-up of the (programme, period) is affected (the rules changed, revoked) */
    public record PeriodEffect(String programme, String period, boolean allUnits, Set<String> units) {

        public PeriodEffect {
            units = Set.copyOf(units);
        }
    }

    public PlanEffects {
        periods = List.copyOf(periods);
        targetHolders = Set.copyOf(targetHolders);
    }
}
