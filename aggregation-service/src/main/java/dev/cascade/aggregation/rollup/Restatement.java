package dev.cascade.aggregation.rollup;

import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PredecessorKind;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of a period restated on a unit that did not exist in that period's hierarchy, from the units it was
 * later formed from (its predecessors): the predecessors' contributions combined exactly as a roll-up combines its
 * children's ({@link RollUp}: sums of counts, ratio of summed numerators over summed denominators, min/max/average
 * from their parts), completeness summed. A {@code FULL} predecessor makes the result exact; a {@code PARTIAL} one
 * contributes its <em>whole</em> figures (the data say nothing about how they split), so the result is
 * {@link Result#approximate() approximate}. Computed on read, stored nowhere.
 */
public final class Restatement {

    private Restatement() {
    }

    /**
     * One predecessor as found in the period.
     *
     * @param contribution its figures in the period: a reporting unit's report as its old parent's roll-up holds it,
     *                     or another unit's own roll-up as a contribution; {@code null} when it has none
     * @param expected     reporters expected from it in the period: 1 for a reporting unit, the number beneath it
     *                     for any other
     */
    public record Source(String unitCode, PredecessorKind kind, Contribution contribution, int expected) {

        public Source {
            Objects.requireNonNull(unitCode, "unitCode");
            Objects.requireNonNull(kind, "kind");
            if (contribution != null && !contribution.childCode().equals(unitCode)) {
                throw new IllegalArgumentException("contribution of " + contribution.childCode() + " given for "
                        + unitCode);
            }
        }

        /** Expected as the source counts it, never below what its contribution counted (received ≤ expected). */
        public Completeness completeness() {
            Completeness counted = contribution == null ? Completeness.NONE : contribution.completeness();
            return new Completeness(Math.max(expected, counted.expected()), counted.received(), counted.onTime(),
                    counted.late());
        }

        /** Whether it adds anything: figures, a received report, or expected reporters. */
        public boolean contributes() {
            return expected > 0 || (contribution != null
                    && (!contribution.values().isEmpty() || contribution.completeness().received() > 0));
        }
    }

    /**
     * @param values       every indicator any contributing predecessor has, combined by the programme's rule
     * @param completeness expected, received, on time and late summed over the contributing predecessors
     * @param approximate  whether a {@code PARTIAL} predecessor contributed
     * @param used         the contributing predecessors, in the order given
     */
    public record Result(Map<String, AggregatedValue> values, Completeness completeness, boolean approximate,
                         List<Source> used) {

        public Result {
            values = Map.copyOf(values);
            used = List.copyOf(used);
        }
    }

    /**
     * Combines the sources; empty when none of them contributes anything (nothing to restate).
     *
     * @param rules the programme period's aggregation rules (an indicator they do not name falls back by its shape,
     *              as in a roll-up)
     * @throws IllegalArgumentException when a unit code is given twice
     */
    public static Optional<Result> of(List<Source> sources, Map<String, AggregationRule> rules) {
        Set<String> codes = new HashSet<>();
        for (Source s : sources) {
            if (!codes.add(s.unitCode())) {
                throw new IllegalArgumentException("predecessor " + s.unitCode() + " given twice");
            }
        }
        List<Source> used = sources.stream().filter(Source::contributes).toList();
        if (used.isEmpty()) {
            return Optional.empty();
        }
        RollUp rollUp = RollUp.of(used.stream().map(Source::contribution).filter(Objects::nonNull).toList());
        int expected = used.stream().mapToInt(s -> s.completeness().expected()).sum();
        return Optional.of(new Result(rollUp.totals(rules), rollUp.completeness(expected),
                used.stream().anyMatch(s -> s.kind() == PredecessorKind.PARTIAL), used));
    }
}
