package dev.cascade.aggregation.plan;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** How many reporting units sit beneath each unit of one period's hierarchy. */
public final class ExpectedReporters {

    /** Deeper than any administrative ladder: a cycle in bad data stops here instead of looping. */
    private static final int MAX_DEPTH = 16;

    private ExpectedReporters() {
    }

    /**
     * @param reportingUnits the distinct units that must report
     * @param parentOf       a unit's parent on the period's cut-off day, {@code null} for the root or a unit without
     *                       a placement that day
     * @return unit code to the number of reporting units strictly beneath it
     */
    public static Map<String, Integer> beneath(Collection<String> reportingUnits, Function<String, String> parentOf) {
        Map<String, Integer> expected = new TreeMap<>();
        for (String reporter : new HashSet<>(reportingUnits)) {
            Set<String> seen = new HashSet<>();
            String ancestor = parentOf.apply(reporter);
            while (ancestor != null && seen.size() < MAX_DEPTH && seen.add(ancestor)) {
                expected.merge(ancestor, 1, Integer::sum);
                ancestor = parentOf.apply(ancestor);
            }
        }
        return expected;
    }
}
