package dev.cascade.portal.rollup;

import dev.cascade.portal.api.Aggregate;
import dev.cascade.portal.api.CascadeApi;
import dev.cascade.portal.api.MissingUnits;
import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.ServiceProblem;
import dev.cascade.portal.api.Unit;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gathers a roll-up page's figures from aggregation-service and its names from plan-service (for the period's day). */
@Service
public class RollupService {

    /** The day the 2025 reform took effect: periods that end before it roll up along the old tree. */
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    /** At most this many missing units are listed by name on a page. */
    static final int MISSING_ON_A_PAGE = 500;

    private final CascadeApi api;
    private final java.time.Clock clock;

    RollupService(CascadeApi api, java.time.Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    public RollupView view(String programme, String periodId, String unitCode, boolean restate, String personUnit) {
        Plan plan = api.planOfProgramme(programme);
        if (plan == null) {
            throw new ServiceProblem(404, null, null, programme, null, List.of());
        }
        Plan.Period period = plan.programme().period(periodId);
        if (period == null) {
            throw new ServiceProblem(404, null, null, programme + " " + periodId, null, List.of());
        }
        LocalDate day = restate ? LocalDate.now(clock.withZone(dev.cascade.contracts.CascadeTime.ZONE)) : period.cutOffEnd();
        Aggregate aggregate = api.aggregate(programme, periodId, unitCode, restate);
        // the names of the missing units: none to ask for when every report is in, and not thousands on one page (the
        // ministry early in a season: the count, the children and the export say it instead)
        long silentCount = aggregate.completeness() == null ? 0 : aggregate.completeness().missing();
        MissingUnits missing = restate || silentCount == 0 || silentCount > MISSING_ON_A_PAGE ? null
                : api.missing(programme, periodId, unitCode);
        Unit unit = api.unit(unitCode, day);
        List<Unit> path = new ArrayList<>(api.path(unitCode, day));
        Collections.reverse(path);
        int from = 0;
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).code().equals(personUnit)) {
                from = i;
            }
        }
        path = path.subList(from, path.size());
        Map<String, Aggregate.Child> children = aggregate.children() == null ? Map.of() : aggregate.children().stream()
                .collect(Collectors.toMap(Aggregate.Child::unitCode, Function.identity(), (a, b) -> a));
        Set<String> silent = new HashSet<>();
        if (missing != null) {
            missing.missing().forEach(m -> silent.add(m.unitCode()));
            missing.missing().forEach(m -> silent.add(m.parentCode()));
        }
        List<RollupView.Row> rows = new ArrayList<>();
        for (Unit child : api.children(unitCode, day)) {
            Aggregate.Child figures = children.get(child.code());
            rows.add(new RollupView.Row(child, figures, figures == null && silent.contains(child.code())));
        }
        return new RollupView(plan, period, unit, path, aggregate, missing, rows, restate,
                period.cutOffEnd().isBefore(REFORM));
    }

    /**
     * The same roll-up with one row per reporting unit beneath the unit (the communes of a province or of the whole
     * country) instead of its children: the reports found walking down the roll-ups, and the units that have not
     * reported. Names come from plan-service, the children of each unit walked through (one call per roll-up: a
     * subtree of the whole country is too slow to ask for). Not for a restated view (its children are the units
     * before the reform).
     */
    public RollupView everyReportingUnit(String programme, String periodId, String unitCode, String personUnit) {
        RollupView top = view(programme, periodId, unitCode, false, personUnit);
        LocalDate day = top.period().cutOffEnd();
        Map<String, Unit> names = new java.util.HashMap<>();
        List<RollupView.Row> rows = new ArrayList<>();
        java.util.ArrayDeque<Aggregate> pending = new java.util.ArrayDeque<>(List.of(top.aggregate()));
        while (!pending.isEmpty()) {
            Aggregate aggregate = pending.poll();
            if (aggregate.children() != null && aggregate.children().stream().anyMatch(c -> !c.rollUp())) {
                for (Unit child : api.children(aggregate.unitCode(), day)) {
                    names.put(child.code(), child);
                }
            }
            for (Aggregate.Child child : aggregate.children() == null ? List.<Aggregate.Child>of() : aggregate.children()) {
                if (child.rollUp()) {
                    pending.add(api.aggregate(programme, periodId, child.unitCode(), false));
                } else {
                    rows.add(new RollupView.Row(unit(names, child.unitCode(), aggregate.unitCode()), child, false));
                }
            }
        }
        MissingUnits silentUnits = top.aggregate().completeness() == null
                || top.aggregate().completeness().missing() == 0 ? null : api.missing(programme, periodId, unitCode);
        if (silentUnits != null) {
            for (MissingUnits.Missing silent : silentUnits.missing()) {
                Unit known = names.get(silent.unitCode());
                rows.add(new RollupView.Row(known != null ? known : new Unit(silent.unitCode(), silent.name(), null, null,
                        silent.parentCode(), null, null, null), null, true));
            }
        }
        rows.sort(java.util.Comparator.comparing((RollupView.Row row) -> String.valueOf(row.unit().parentCode()))
                .thenComparing(row -> row.unit().code()));
        return new RollupView(top.plan(), top.period(), top.unit(), top.path(), top.aggregate(), top.missing(), rows,
                false, top.beforeReform());
    }

    private static Unit unit(Map<String, Unit> names, String code, String parent) {
        Unit unit = names.get(code);
        return unit != null ? unit : new Unit(code, code, null, null, parent, null, null, null);
    }
}
