package dev.cascade.aggregation.query;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.hierarchy.Placement;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.PlanCopy;
import dev.cascade.aggregation.plan.ProgrammePeriod;
import dev.cascade.aggregation.plan.ProgrammePeriods;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpStore;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.Completeness;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The read side beyond one stored roll-up: units that have not reported, series across periods, ancestry. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class AggregateQueries {

    private static final int MAX_DEPTH = 16;

    private final ProgrammePeriods programmePeriods;
    private final PlanCopies plans;
    private final UnitCopies units;
    private final RollUpStore store;
    private final Restatements restatements;

    /**
     * The aggregate of {@code key} restated from the unit's predecessors, when the period's cut-off end is before
     * the unit's successor placement began; empty when restatement does not apply (read the roll-up as usual).
     *
     * @throws UnknownUnitException     when the unit is not known and has no roll-up for the key
     * @throws NothingToRestateException when it applies but no predecessor has figures or expected reporters
     */
    Optional<AggregateView> restated(AggregateKey key) {
        Optional<UnitCopy> unit = units.find(key.unitCode());
        if (unit.isEmpty()) {
            if (store.find(key.toString()).isPresent()) {
                return Optional.empty();
            }
            throw QueryRefusals.unknownUnit(key.programme(), key.period(), key.unitCode());
        }
        Optional<ProgrammePeriod> period = programmePeriods.find(key.programme(), key.period());
        if (period.isEmpty() || !unit.get().restatableOn(period.get().cutOffEndDay())) {
            return Optional.empty();
        }
        return Optional.of(restatements.restate(unit.get(), period.get())
                .orElseThrow(() -> QueryRefusals.nothingToRestate(key, unit.get().predecessors().stream()
                        .map(p -> p.code()).distinct().toList())));
    }

    /** A unit that expects reporters but has received nothing yet: its aggregate shows 0 of N. */
    Optional<AggregateView> nothingReportedYet(AggregateKey key) {
        Optional<ProgrammePeriod> period = programmePeriods.find(key.programme(), key.period());
        if (period.isEmpty() || period.get().expectedBeneath(key.unitCode()) == 0) {
            return Optional.empty();
        }
        Optional<Placement> placement = units.find(key.unitCode()).flatMap(u -> u.placementOn(period.get().cutOffEndDay()));
        return placement.map(p -> new AggregateView(key.programme(), key.period(), key.unitCode(), p.level(),
                p.parentCode(), 0, null, Map.of(),
                new Completeness(period.get().expectedBeneath(key.unitCode()), 0, 0, 0), List.of(),
                plans.revokedOf(key.programme(), key.period()), List.of()));
    }

    /** The reporting units beneath a unit (down to the leaves) that have no counted report. */
    Optional<MissingUnits> missing(AggregateKey key) {
        Optional<ProgrammePeriod> found = programmePeriods.find(key.programme(), key.period());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = found.get().cutOffEndDay();
        Set<String> reporters = new TreeSet<>();
        for (PlanCopy plan : plans.ofProgramme(key.programme())) {
            plan.period(key.period()).ifPresent(own -> reporters.addAll(plan.reportersOn(own.cutOffEndDay())));
        }
        Map<String, UnitCopy> known = loadWithAncestors(reporters, day);
        List<String> beneath = reporters.stream()
                .filter(r -> ancestors(r, known, day).contains(key.unitCode())).toList();
        Set<String> parents = new HashSet<>();
        beneath.forEach(r -> parentOf(r, known, day).ifPresent(parents::add));
        Set<String> reported = new HashSet<>();
        if (!parents.isEmpty()) {
            for (RollUpDocument doc : store.ofUnits(key.programme(), key.period(), parents)) {
                doc.children().stream().filter(c -> c.completeness().received() > 0)
                        .forEach(c -> reported.add(c.childCode()));
            }
        }
        List<MissingUnits.Unit> missing = beneath.stream().filter(r -> !reported.contains(r))
                .map(r -> new MissingUnits.Unit(r, placement(r, known, day).map(Placement::name).orElse(null),
                        parentOf(r, known, day).orElse(null)))
                .toList();
        return Optional.of(new MissingUnits(key.toString(), beneath.size(), beneath.size() - missing.size(),
                missing));
    }

    /**
     * Every period's aggregate of a unit under a programme, in period order. With {@code restate}, a period before
     * the unit's successor placement began is restated from its predecessors (and left out when they have nothing),
     * so that a post-reform unit's series runs through the reform; other periods are the stored roll-ups.
     *
     * @throws UnknownUnitException with {@code restate}, when the unit is not known and has no roll-up
     */
    List<AggregateView> series(String programme, String unitCode, boolean restate) {
        List<RollUpDocument> stored = store.ofUnit(programme, unitCode);
        Optional<UnitCopy> unit = restate ? units.find(unitCode) : Optional.empty();
        if (restate && unit.isEmpty() && stored.isEmpty()) {
            throw QueryRefusals.unknownUnit(programme, null, unitCode);
        }
        List<AggregateView> series = new ArrayList<>();
        if (unit.isEmpty() || unit.get().predecessors().isEmpty()) {
            stored.stream().sorted(Comparator.comparing(RollUpDocument::period))
                    .forEach(d -> series.add(AggregateView.of(d).withoutChildren()));
            return series;
        }
        Map<String, RollUpDocument> byPeriod = new HashMap<>();
        stored.forEach(d -> byPeriod.put(d.period(), d));
        Set<String> periods = new TreeSet<>(byPeriod.keySet());
        plans.ofProgramme(programme).forEach(plan -> plan.periods().forEach(w -> periods.add(w.id())));
        for (String id : periods) {
            Optional<ProgrammePeriod> period = programmePeriods.find(programme, id);
            if (period.isPresent() && unit.get().restatableOn(period.get().cutOffEndDay())) {
                restatements.restate(unit.get(), period.get()).map(AggregateView::withoutChildren)
                        .ifPresent(series::add);
            } else if (byPeriod.containsKey(id)) {
                series.add(AggregateView.of(byPeriod.get(id)).withoutChildren());
            }
        }
        return series;
    }

    /** The unit's ancestors in the period's hierarchy, nearest first (empty when unknown). */
    Set<String> ancestors(AggregateKey key) {
        Optional<ProgrammePeriod> found = programmePeriods.find(key.programme(), key.period());
        if (found.isEmpty()) {
            return Set.of();
        }
        LocalDate day = found.get().cutOffEndDay();
        Set<String> ancestors = new LinkedHashSet<>();
        String code = key.unitCode();
        while (ancestors.size() < MAX_DEPTH) {
            String current = code;
            Optional<String> parent = units.find(current).flatMap(u -> u.placementOn(day)).map(Placement::parentCode);
            if (parent.isEmpty() || !ancestors.add(parent.get())) {
                break;
            }
            code = parent.get();
        }
        return ancestors;
    }

    private Map<String, UnitCopy> loadWithAncestors(Set<String> codes, LocalDate day) {
        Map<String, UnitCopy> known = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>(codes);
        for (int depth = 0; depth < MAX_DEPTH && !wanted.isEmpty(); depth++) {
            Map<String, UnitCopy> found = units.findAll(wanted);
            known.putAll(found);
            Set<String> parents = new LinkedHashSet<>();
            found.values().forEach(u -> u.placementOn(day).map(Placement::parentCode)
                    .filter(p -> !known.containsKey(p)).ifPresent(parents::add));
            wanted = parents;
        }
        return known;
    }

    private static Optional<Placement> placement(String code, Map<String, UnitCopy> known, LocalDate day) {
        UnitCopy unit = known.get(code);
        return unit == null ? Optional.empty() : unit.placementOn(day);
    }

    private static Optional<String> parentOf(String code, Map<String, UnitCopy> known, LocalDate day) {
        return placement(code, known, day).map(Placement::parentCode);
    }

    private static Set<String> ancestors(String code, Map<String, UnitCopy> known, LocalDate day) {
        Set<String> ancestors = new HashSet<>();
        Optional<String> parent = parentOf(code, known, day);
        while (parent.isPresent() && ancestors.size() < MAX_DEPTH && ancestors.add(parent.get())) {
            parent = parentOf(parent.get(), known, day);
        }
        return ancestors;
    }
}
