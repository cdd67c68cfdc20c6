package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetProgress;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Progress against the targets of the plans a unit issued. For each plan and indicator the target of the period's
 * year applies, or else the nearest later one; targets of earlier years only are not assessed. Ratios are compared
 * in percent. Only indicators the roll-up has values for are assessed.
 */
public final class TargetAssessment {

    private TargetAssessment() {
    }

    public static List<TargetProgress> assess(List<PlanTargets> plans, int year, Map<String, AggregatedValue> values) {
        List<TargetProgress> progress = new ArrayList<>();
        plans.stream().sorted(Comparator.comparing(PlanTargets::planId)).forEach(plan -> {
            Map<String, List<Target>> byIndicator = new TreeMap<>();
            plan.targets().forEach(t -> byIndicator.computeIfAbsent(t.indicator(), k -> new ArrayList<>()).add(t));
            byIndicator.forEach((indicator, targets) -> {
                AggregatedValue value = values.get(indicator);
                if (value != null) {
                    applicable(targets, year).ifPresent(target ->
                            progress.add(assess(plan.planId(), target, value.value())));
                }
            });
        });
        return progress;
    }

    static Optional<Target> applicable(List<Target> targets, int year) {
        return targets.stream()
                .filter(t -> t.year() >= year)
                .min(Comparator.comparingInt(Target::year));
    }

    static TargetProgress assess(String planId, Target target, BigDecimal actual) {
        if (actual == null) {
            return progress(planId, target, null, false, null);
        }
        BigDecimal bound = target.value();
        BigDecimal gap = switch (target.comparator()) {
            case AT_LEAST -> positive(bound.subtract(actual));
            case AT_MOST -> positive(actual.subtract(bound));
            case RANGE -> actual.compareTo(bound) < 0 ? bound.subtract(actual)
                    : target.upper() != null && actual.compareTo(target.upper()) > 0 ? actual.subtract(target.upper())
                    : BigDecimal.ZERO;
        };
        return progress(planId, target, actual, gap.signum() == 0, gap.signum() == 0 ? BigDecimal.ZERO : gap);
    }

    private static BigDecimal positive(BigDecimal difference) {
        return difference.signum() > 0 ? difference : BigDecimal.ZERO;
    }

    private static TargetProgress progress(String planId, Target t, BigDecimal actual, boolean met, BigDecimal gap) {
        return new TargetProgress(t.indicator(), planId, t.year(), t.comparator(), t.value(), t.upper(), actual, met,
                gap);
    }
}
