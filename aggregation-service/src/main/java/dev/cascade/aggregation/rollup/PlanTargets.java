package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.Target;

import java.util.List;

/** The targets of one plan of the roll-up's programme whose issuer's role the roll-up's unit holds. */
public record PlanTargets(String planId, List<Target> targets) {

    public PlanTargets {
        targets = List.copyOf(targets);
    }
}
