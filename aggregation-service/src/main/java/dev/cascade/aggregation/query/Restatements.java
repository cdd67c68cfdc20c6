package dev.cascade.aggregation.query;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.hierarchy.Placement;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.PlanCopy;
import dev.cascade.aggregation.plan.ProgrammePeriod;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Restatement;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.aggregation.rollup.engine.RollUpStore;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPredecessor;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Restates the figures of a period on a unit formed after it (a 2025-07 unit, for a period whose cut-off ends before
 * 1 July 2025) from the roll-ups of that period: each predecessor's figures are read where the period's roll-ups keep
 * them and combined by {@link Restatement}. Read only: nothing is stored or published, so the roll-ups and their
 * invariants are untouched.
 *
 * <p>Where a predecessor's figures are: a reporting unit of the period (a commune, in the programmes so far) or any
 * commune, in its old parent's roll-up, as the contribution that roll-up holds for it; any other unit (a province,
 * a district), in its own roll-up of the period.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class Restatements {

    private final UnitCopies units;
    private final PlanCopies plans;
    private final RollUpStore store;

    /**
     * The restated aggregate of {@code unit} for {@code period}, or empty when none of its predecessors has figures or
     * expected reporters in the period. Call only when {@link UnitCopy#restatableOn} the period's cut-off end.
     */
    Optional<AggregateView> restate(UnitCopy unit, ProgrammePeriod period) {
        LocalDate day = period.cutOffEndDay();
        Map<String, PredecessorKind> predecessors = distinct(unit.predecessors());
        Map<String, UnitCopy> known = units.findAll(predecessors.keySet());
        Set<String> reporters = reporters(period);

        Map<String, Placement> placements = new HashMap<>();
        Set<String> fromParent = new HashSet<>();
        Set<String> rollUpsToRead = new LinkedHashSet<>();
        predecessors.keySet().forEach(code -> {
            Placement placement = Optional.ofNullable(known.get(code)).flatMap(u -> u.placementOn(day)).orElse(null);
            if (placement == null) {
                return;
            }
            placements.put(code, placement);
            if (reporters.contains(code) || placement.level() == UnitLevel.COMMUNE) {
                fromParent.add(code);
                if (placement.parentCode() != null) {
                    rollUpsToRead.add(placement.parentCode());
                }
            } else {
                rollUpsToRead.add(code);
            }
        });
        Map<String, RollUpDocument> rollUps = new HashMap<>();
        if (!rollUpsToRead.isEmpty()) {
            store.ofUnits(period.programme(), period.period(), rollUpsToRead)
                    .forEach(d -> rollUps.put(d.unitCode(), d));
        }

        List<Restatement.Source> sources = new ArrayList<>();
        Map<String, RollUpDocument> readFrom = new HashMap<>();
        predecessors.forEach((code, kind) -> {
            Placement placement = placements.get(code);
            Contribution contribution = null;
            int expected = 0;
            if (placement != null && fromParent.contains(code)) {
                RollUpDocument parent = placement.parentCode() == null ? null : rollUps.get(placement.parentCode());
                contribution = parent == null ? null : parent.children().stream()
                        .filter(c -> c.childCode().equals(code)).findFirst().orElse(null);
                expected = reporters.contains(code) ? 1 : 0;
                if (contribution != null) {
                    readFrom.put(code, parent);
                }
            } else if (placement != null) {
                RollUpDocument own = rollUps.get(code);
                contribution = own == null ? null : Contribution.of(own.rollupContributed());
                expected = period.expectedBeneath(code);
                if (own != null) {
                    readFrom.put(code, own);
                }
            }
            sources.add(new Restatement.Source(code, kind, contribution, expected));
        });

        return Restatement.of(sources, period.rules()).map(result -> {
            Placement successor = unit.successorPlacement().orElseThrow();
            Set<String> used = new HashSet<>();
            result.used().forEach(s -> used.add(s.unitCode()));
            Instant asOf = result.used().stream().map(s -> readFrom.get(s.unitCode())).filter(Objects::nonNull)
                    .map(RollUpDocument::asOf).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
            List<AggregateView.Child> children = result.used().stream().map(Restatement.Source::contribution)
                    .filter(Objects::nonNull).map(c -> AggregateView.Child.of(c, period.rules())).toList();
            List<AggregateView.Predecessor> listed = sources.stream().map(s -> {
                Placement p = placements.get(s.unitCode());
                boolean contributed = used.contains(s.unitCode());
                return new AggregateView.Predecessor(s.unitCode(), s.kind(), p == null ? null : p.name(),
                        p == null ? null : p.level(), p == null ? null : p.parentCode(), contributed,
                        contributed ? s.completeness() : Completeness.NONE);
            }).toList();
            return new AggregateView(period.programme(), period.period(), unit.code(), successor.level(),
                    successor.parentCode(), 0, asOf, new TreeMap<>(result.values()), result.completeness(), List.of(),
                    plans.revokedOf(period.programme(), period.period()), children, true, result.approximate(),
                    listed);
        });
    }

    /** The units owing the period's report under the plans of the programme that have it (after succession). */
    private Set<String> reporters(ProgrammePeriod period) {
        Set<String> reporters = new HashSet<>();
        for (PlanCopy plan : plans.ofProgramme(period.programme())) {
            plan.period(period.period()).ifPresent(own -> reporters.addAll(plan.reportersOn(own.cutOffEndDay())));
        }
        return reporters;
    }

    /** Each code once, in the order given; a code listed both FULL and PARTIAL counts as PARTIAL. */
    private static Map<String, PredecessorKind> distinct(List<UnitPredecessor> predecessors) {
        Map<String, PredecessorKind> distinct = new LinkedHashMap<>();
        predecessors.forEach(p -> distinct.merge(p.code(), p.kind(),
                (a, b) -> a == PredecessorKind.PARTIAL || b == PredecessorKind.PARTIAL ? PredecessorKind.PARTIAL : a));
        return distinct;
    }
}
