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

    private final CascadeApi api;

    RollupService(CascadeApi api) {
        this.api = api;
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
        LocalDate day = restate ? LocalDate.now() : period.cutOffEnd();
        Aggregate aggregate = api.aggregate(programme, periodId, unitCode, restate);
        MissingUnits missing = restate ? null : api.missing(programme, periodId, unitCode);
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
}
