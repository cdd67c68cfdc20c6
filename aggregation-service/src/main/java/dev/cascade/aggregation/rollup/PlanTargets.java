package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.Target;

import java.util.List;

/** The targets of one plan issued by a roll-up's unit. */
public record PlanTargets(String planId, List<Target> targets) {

    public PlanTargets {
        targets = List.copyOf(targets);
    }
}
