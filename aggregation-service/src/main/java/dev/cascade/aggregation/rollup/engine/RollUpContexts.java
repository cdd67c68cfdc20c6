package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.aggregation.UnusableEventException;
import dev.cascade.aggregation.hierarchy.Placement;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.ProgrammePeriod;
import dev.cascade.aggregation.plan.ProgrammePeriods;
import dev.cascade.aggregation.rollup.PlanTargets;
import dev.cascade.aggregation.rollup.RollUpContext;
import dev.cascade.contracts.AggregateKey;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Resolves where a roll-up sits and what it is measured against, from the copies of units and plans. The hierarchy
 * of a period is the placements valid on the period's cut-off end.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class RollUpContexts {

    private final ProgrammePeriods programmePeriods;
    private final UnitCopies units;
    private final PlanCopies plans;

    /**
     * @param known copies of units already read (a batch's); a unit not among them is read from the store
     * @throws NotYetKnownException   when no plan of the programme with this period, or the unit, has arrived yet
     * @throws UnusableEventException when the unit has no placement on the period's cut-off end
     */
    RollUpContext resolve(AggregateKey key, java.util.Map<String, UnitCopy> known) {
        ProgrammePeriod period = programmePeriod(key.programme(), key.period());
        Placement placement = placement(key.unitCode(), period, known);
        // the targets of the programme's plans whose issuer's role this unit holds on the period's day: a
        // district's plan's targets apply to the district before the reform and to the province that took over after
        List<PlanTargets> targets = plans.issuedBy(key.programme(), key.unitCode(), period.cutOffEndDay()).stream()
                .map(p -> new PlanTargets(p.planId(), p.targets())).toList();
        return new RollUpContext(placement.level(), placement.parentCode(), period.expectedBeneath(key.unitCode()),
                period.rules(), period.year(), targets, plans.revokedOf(key.programme(), key.period()));
    }

    /** The roll-up a unit's report feeds: its parent's, in the period's hierarchy. */
    AggregateKey parentRollUp(String programme, String periodId, String reportingUnit) {
        return parentRollUp(programme, periodId, reportingUnit, new java.util.HashMap<>(), java.util.Map.of());
    }

    /** The copies of these units that are known (one query). */
    java.util.Map<String, UnitCopy> units(java.util.Collection<String> codes) {
        return units.findAll(codes);
    }

    /**
     * As above, reading each programme period once per {@code periods} memo (one batch), and taking the reporting
     * unit's copy from {@code prefetched} when it is there. A period found unknown is remembered as such (a null
     * value): the batch's other inputs of it are not-yet-known without another query.
     */
    AggregateKey parentRollUp(String programme, String periodId, String reportingUnit,
                              java.util.Map<String, ProgrammePeriod> periods,
                              java.util.Map<String, UnitCopy> prefetched) {
        String id = ProgrammePeriod.id(programme, periodId);
        if (!periods.containsKey(id)) {
            periods.put(id, programmePeriods.find(programme, periodId).orElse(null));
        }
        ProgrammePeriod known = periods.get(id);
        if (known == null) {
            throw notYetKnown(programme, periodId);
        }
        ProgrammePeriod period = known;
        Placement placement = placement(reportingUnit, known, prefetched);
        String parent = placement.parentCode();
        if (parent == null) {
            throw new UnusableEventException("unit " + reportingUnit + " is the root: it has no parent to report to");
        }
        return period.key(parent);
    }

    private ProgrammePeriod programmePeriod(String programme, String period) {
        return programmePeriods.find(programme, period).orElseThrow(() -> notYetKnown(programme, period));
    }

    private static NotYetKnownException notYetKnown(String programme, String period) {
        return new NotYetKnownException("no plan of programme " + programme + " with period " + period
                + " is known yet");
    }

    /** The unit's placement on the period's cut-off end, from its copy in {@code known}, else from the store. */
    private Placement placement(String unitCode, ProgrammePeriod period, java.util.Map<String, UnitCopy> known) {
        UnitCopy copy = known.get(unitCode);
        Optional<Placement> placement = copy == null ? units.placementOn(unitCode, period.cutOffEndDay())
                : copy.placementOn(period.cutOffEndDay());
        return placement.orElseThrow(() -> noPlacement(unitCode, period));
    }

    private static UnusableEventException noPlacement(String unitCode, ProgrammePeriod period) {
        return new UnusableEventException("unit " + unitCode + " has no placement on " + period.cutOffEnd());
    }
}
