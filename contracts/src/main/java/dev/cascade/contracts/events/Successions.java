package dev.cascade.contracts.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a plan's {@link ReportingSuccession}s to a day: who owes the report, and who receives it, for a period
 * whose hierarchy is that of {@code day} (its cut-off end). The same rule in every service.
 *
 * <ul>
 *     <li>A unit with no succession in force on {@code day} owes its report itself.</li>
 *     <li>A unit whose succession is in force is replaced by its successors, followed further when a successor is
 *     replaced in turn. A successor replacing several units appears once, naming them all; it is partial when it
 *     replaces a part of any of them.</li>
 *     <li>A successor that is the issuer's own successor on that day is left out: the issuer compiles, and a unit does
 *     not report to itself (a district's office whose functions passed to the province that now receives the
 *     reports).</li>
 * </ul>
 */
public final class Successions {

    /** Deeper than any chain of reforms: a cycle in bad data stops here. */
    private static final int MAX_DEPTH = 16;

    private Successions() {
    }

    /**
     * The units owing a report for a period whose hierarchy is that of {@code day}, in the order of
     * {@code reportingUnits} (a successor where the first unit it replaces stood).
     */
    public static List<PeriodReporter> reporters(Collection<String> reportingUnits, String issuerUnitCode,
                                                 List<ReportingSuccession> successions, LocalDate day) {
        Map<String, ReportingSuccession> inForce = inForce(successions, day);
        Set<String> recipients = issuerUnitCode == null ? Set.of()
                : new LinkedHashSet<>(resolve(issuerUnitCode, inForce).keySet());
        Map<String, Accumulated> byUnit = new LinkedHashMap<>();
        for (String unit : new LinkedHashSet<>(reportingUnits)) {
            if (!inForce.containsKey(unit)) {
                byUnit.computeIfAbsent(unit, c -> new Accumulated());
                continue;
            }
            for (Map.Entry<String, Boolean> successor : resolve(unit, inForce).entrySet()) {
                String code = successor.getKey();
                if (recipients.contains(code)) {
                    continue;
                }
                Accumulated acc = byUnit.computeIfAbsent(code, c -> new Accumulated());
                acc.replaces.add(unit);
                acc.partial |= successor.getValue();
            }
        }
        List<PeriodReporter> reporters = new ArrayList<>(byUnit.size());
        byUnit.forEach((code, acc) -> reporters.add(new PeriodReporter(code, List.copyOf(acc.replaces), acc.partial)));
        return reporters;
    }

    /**
     * The unit that holds {@code unitCode}'s role on {@code day}: itself without a succession in force, else its
     * first full successor (or first successor when all are partial).
     */
    public static String unitOn(String unitCode, List<ReportingSuccession> successions, LocalDate day) {
        Map<String, Boolean> resolved = resolve(unitCode, inForce(successions, day));
        return resolved.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).findFirst()
                .orElse(resolved.keySet().iterator().next());
    }

    /** The succession of {@code unitCode} in force on {@code day}, if any. */
    public static Optional<ReportingSuccession> of(String unitCode, List<ReportingSuccession> successions,
                                                   LocalDate day) {
        return Optional.ofNullable(inForce(successions, day).get(unitCode));
    }

    private static Map<String, ReportingSuccession> inForce(List<ReportingSuccession> successions, LocalDate day) {
        Map<String, ReportingSuccession> inForce = new HashMap<>();
        if (successions == null) {
            return inForce;
        }
        for (ReportingSuccession s : successions) {
            if (!day.isBefore(s.from()) && !s.successors().isEmpty()) {
                inForce.merge(s.unitCode(), s, (a, b) -> a.from().isAfter(b.from()) ? a : b);
            }
        }
        return inForce;
    }

    /** Unit code to whether it is partial, for the units holding {@code unitCode}'s role (itself when none). */
    private static Map<String, Boolean> resolve(String unitCode, Map<String, ReportingSuccession> inForce) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        walk(unitCode, false, null, inForce, result, new LinkedHashSet<>(), 0);
        return result;
    }

    /**
     * Follows the successions of {@code code} that began after {@code since} (the start of the succession that led
     * here): a successor is replaced in turn only by a later reform. A code that continues after a merge (the new
     * 06820) is not the old unit of the same code, whose succession began the same day.
     */
    private static void walk(String code, boolean partial, LocalDate since, Map<String, ReportingSuccession> inForce,
                             Map<String, Boolean> result, Set<String> path, int depth) {
        ReportingSuccession succession = inForce.get(code);
        boolean later = succession != null && (since == null || succession.from().isAfter(since));
        if (!later || depth >= MAX_DEPTH || !path.add(code)) {
            result.merge(code, partial, Boolean::logicalOr);
            return;
        }
        for (SuccessorUnit successor : succession.successors()) {
            walk(successor.unitCode(), partial || successor.partial(), succession.from(), inForce, result, path,
                    depth + 1);
        }
        path.remove(code);
    }

    private static final class Accumulated {
        private final Set<String> replaces = new LinkedHashSet<>();
        private boolean partial;
    }
}
