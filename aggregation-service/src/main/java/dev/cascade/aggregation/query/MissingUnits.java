package dev.cascade.aggregation.query;

import java.util.List;

/**
 * {@code GET /aggregates/{programme}/{period}/{unitCode}/missing}: the reporting units beneath the unit (down to the
 * leaves) and those of them without a counted report.
 *
 * @param expected reporting units beneath the unit
 * @param received of them, those with a counted report (withdrawn reports do not count)
 */
public record MissingUnits(String aggregateKey, int expected, int received, List<Unit> missing) {

    public MissingUnits {
        missing = List.copyOf(missing);
    }

    /** A reporting unit that has not reported, with its parent (the roll-up its report would feed). */
    public record Unit(String unitCode, String name, String parentCode) {
    }
}
