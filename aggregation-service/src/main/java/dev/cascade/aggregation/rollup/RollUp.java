package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The roll-up of one (programme, period, unit): the latest contribution of each direct child. Totals are always
 * recomputed from these contributions, never adjusted incrementally, so the order, duplication or replay of
 * contributions cannot change the result.
 */
public final class RollUp {

    private final Map<String, Contribution> children;

    private RollUp(Map<String, Contribution> children) {
        this.children = children;
    }

    public static RollUp empty() {
        return new RollUp(new TreeMap<>());
    }

    public static RollUp of(Collection<Contribution> contributions) {
        RollUp rollUp = empty();
        for (Contribution c : contributions) {
            rollUp = rollUp.accept(c).orElse(rollUp);
        }
        return rollUp;
    }

    /**
     * This roll-up with {@code contribution} in place of the child's previous one; empty when the child already
     * contributed this version or a later one (a duplicate, a replay or a stale revision).
     */
    public Optional<RollUp> accept(Contribution contribution) {
        Contribution stored = children.get(contribution.childCode());
        if (stored != null && contribution.version() <= stored.version()) {
            return Optional.empty();
        }
        Map<String, Contribution> next = new TreeMap<>(children);
        next.put(contribution.childCode(), contribution);
        return Optional.of(new RollUp(next));
    }

    /**
     * This roll-up with every newer contribution of {@code contributions} accepted, in any order: the same as
     * accepting them one by one, but one change instead of many (coalescing a batch). Empty when none was newer.
     */
    public Optional<RollUp> acceptAll(Collection<Contribution> contributions) {
        Map<String, Contribution> next = null;
        for (Contribution c : contributions) {
            Contribution stored = (next == null ? children : next).get(c.childCode());
            if (stored != null && c.version() <= stored.version()) {
                continue;
            }
            if (next == null) {
                next = new TreeMap<>(children);
            }
            next.put(c.childCode(), c);
        }
        return next == null ? Optional.empty() : Optional.of(new RollUp(next));
    }

    /** The contributions, ordered by child code. */
    public List<Contribution> children() {
        return List.copyOf(children.values());
    }

    /** Every indicator any child contributed, rolled up by the programme's rule (or a fallback by its shape). */
    public Map<String, AggregatedValue> totals(Map<String, AggregationRule> rules) {
        Map<String, List<Parts>> byIndicator = new TreeMap<>();
        children.values().forEach(c -> c.values().forEach(
                (indicator, parts) -> byIndicator.computeIfAbsent(indicator, k -> new ArrayList<>()).add(parts)));
        Map<String, AggregatedValue> totals = new TreeMap<>();
        byIndicator.forEach((indicator, parts) -> totals.put(indicator, RollUpArithmetic.combine(
                rules.getOrDefault(indicator, RollUpArithmetic.fallbackRule(parts)), parts)));
        return totals;
    }

    /** Expected as frozen for this unit; received, on time and late summed over the children. */
    public Completeness completeness(int expected) {
        int received = 0;
        int onTime = 0;
        int late = 0;
        for (Contribution c : children.values()) {
            received += c.completeness().received();
            onTime += c.completeness().onTime();
            late += c.completeness().late();
        }
        return new Completeness(expected, received, onTime, late);
    }

    public Summary summarize(RollUpContext context) {
        Map<String, AggregatedValue> totals = totals(context.rules());
        return new Summary(context.level(), context.parentCode(), totals, completeness(context.expected()),
                TargetAssessment.assess(context.plans(), context.year(), totals), context.revokedPlans());
    }
}
