package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.plan.indicator.domain.Indicator;
import dev.cascade.plan.indicator.domain.IndicatorDirectory;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTarget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The targets of a plan: indicators known, years not before the horizon, one target per indicator and year, a
 * percentage at most 100, and an upper bound for a RANGE only, not below its value.
 */
final class PlanTargets {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final IndicatorDirectory indicators;

    PlanTargets(IndicatorDirectory indicators) {
        this.indicators = indicators;
    }

    List<Target> read(PlanCheck check, List<ProposedTarget> proposed, Integer start) {
        List<Target> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        check.each("targets", proposed, (f, t) -> {
            String code = check.text(f + ".indicator", t.indicator());
            Optional<Indicator> indicator = Optional.empty();
            if (code != null) {
                indicator = indicators.find(code);
                if (indicator.isEmpty()) {
                    check.fail(f + ".indicator", "unknown indicator " + code);
                }
            }
            Integer year = check.value(f + ".year", t.year());
            // a target may look beyond the reporting horizon (a 2030 goal in a plan reporting on 2024), not before it
            if (year != null && start != null && year < start) {
                check.fail(f + ".year", "must not be before horizonStart " + start);
            }
            if (code != null && year != null && !seen.add(code + "/" + year)) {
                check.fail(f, "a second target for " + code + " in " + year);
            }
            TargetComparator comparator = check.enumValue(f + ".comparator", t.comparator(), TargetComparator.class);
            boolean ratio = indicator.map(ind -> ind.kind() == IndicatorKind.RATIO).orElse(false);
            BigDecimal value = percentage(check, f + ".value", check.value(f + ".value", t.value()), ratio);
            BigDecimal upper = null;
            if (comparator == TargetComparator.RANGE) {
                upper = upper(check, f + ".upper", t.upper(), ratio);
                if (value != null && upper != null && upper.compareTo(value) < 0) {
                    check.fail(f + ".upper", "must not be below value " + value.toPlainString());
                }
            } else if (t.upper() != null && comparator != null) {
                check.fail(f + ".upper", "only a RANGE has an upper bound");
            }
            if (code != null && year != null && comparator != null && value != null) {
                result.add(new Target(code, year, comparator, value, upper));
            }
        });
        return result;
    }

    /** The upper bound a RANGE requires. */
    private static BigDecimal upper(PlanCheck check, String field, BigDecimal value, boolean percent) {
        if (value == null) {
            check.fail(field, "is required");
            return null;
        }
        if (value.signum() < 0) {
            check.fail(field, "must not be negative");
            return null;
        }
        return percentage(check, field, value, percent);
    }

    private static BigDecimal percentage(PlanCheck check, String field, BigDecimal value, boolean percent) {
        if (value != null && percent && value.compareTo(HUNDRED) > 0) {
            check.fail(field, "is a percentage and must not exceed 100");
            return null;
        }
        return value;
    }
}
