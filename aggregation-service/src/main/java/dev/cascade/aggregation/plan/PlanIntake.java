package dev.cascade.aggregation.plan;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.aggregation.UnusableEventException;
import dev.cascade.aggregation.hierarchy.Placement;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies {@code cascade.plan.issued} / {@code cascade.plan.amended}: keeps the plan (highest version) and fixes, for
 * each of its programme's periods, the rules and the expected reporters beneath every unit of that period's
 * hierarchy. A period's reporters are the plan's reporting units after succession on the period's cut-off end (a
 * unit merged away by then is replaced by the units that took it over); reporters of all plans of the same
 * programme count once each. Applies {@code cascade.plan.revoked}: marks the plan revoked, and every roll-up of its
 * periods is recomputed (it then names the plan in {@code revokedPlans}). Safe to repeat: a redelivered plan
 * recomputes the same figures.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class PlanIntake {

    private static final Logger log = LoggerFactory.getLogger(PlanIntake.class);
    private static final int MAX_CONFLICTS = 10;

    private final PlanCopies plans;
    private final ProgrammePeriods programmePeriods;
    private final UnitCopies units;

    /**
     * @throws NotYetKnownException when a reporting unit or one of its ancestors is not known yet
     */
    public PlanEffects accept(PlanIssued issued) {
        PlanCopy plan = PlanCopy.of(issued);
        // the units that held the targets before (an amendment may change who takes over the issuer's role)
        Set<String> targetHolders = new TreeSet<>(plans.find(plan.planId()).map(PlanCopy::issuerHolders)
                .orElse(List.of()));
        plans.keep(plan);
        List<PlanCopy> sameProgramme = plans.ofProgramme(plan.programme());
        // the stored copy may be newer than the redelivered event: compute from what is stored
        PlanCopy current = sameProgramme.stream().filter(p -> p.planId().equals(plan.planId())).findFirst()
                .orElse(plan);
        Map<String, AggregationRule> rules = rules(sameProgramme, current);
        List<PlanEffects.PeriodEffect> effects = new ArrayList<>();
        for (PeriodWindow window : current.periods()) {
            Set<String> reporters = new TreeSet<>();
            List<ProgrammePeriod.PlanVersion> basis = new ArrayList<>();
            for (PlanCopy p : sameProgramme) {
                p.period(window.id()).ifPresent(own -> {
                    reporters.addAll(p.reportersOn(own.cutOffEndDay()));
                    basis.add(new ProgrammePeriod.PlanVersion(p.planId(), p.version()));
                });
            }
            basis.sort(Comparator.comparing(ProgrammePeriod.PlanVersion::planId));
            Map<String, Integer> expected = expectedBeneath(reporters, window.cutOffEndDay());
            ProgrammePeriod next = new ProgrammePeriod(ProgrammePeriod.id(current.programme(), window.id()),
                    current.programme(), window.id(), window.cutOffEnd(), rules, expected, basis, 0, null);
            effects.add(store(next));
        }
        targetHolders.addAll(current.issuerHolders());
        return new PlanEffects(effects, current.programme(), targetHolders);
    }

    /**
     * Keeps the revocation on the plan copy (highest version wins) and names every period of the plan: each of its
     * roll-ups is recomputed, and says the plan was revoked. The roll-ups, their figures and expectations are kept.
     * A redelivered or stale revocation recomputes the same roll-ups, which then change nothing.
     *
     * @throws NotYetKnownException   when the plan itself is not known yet
     * @throws UnusableEventException when the revocation names no plan, day or version
     */
    public PlanEffects revoke(PlanRevoked revoked) {
        if (revoked.planId() == null || revoked.revokedOn() == null || revoked.version() < 1) {
            throw new UnusableEventException("a plan revocation needs planId, revokedOn and version: " + revoked);
        }
        boolean changed = plans.revoke(revoked).orElseThrow(() -> new NotYetKnownException(
                "plan " + revoked.planId() + " is not known yet: its revocation waits for it"));
        PlanCopy current = plans.find(revoked.planId()).orElseThrow();
        if (changed) {
            log.info("plan {} (programme {}) revoked from {}: its aggregates are kept and name it", current.planId(),
                    current.programme(), current.revokedOn());
        } else {
            log.info("plan {}: revocation version {} is not newer than the stored copy (version {}), nothing changes",
                    revoked.planId(), revoked.version(), current.version());
        }
        List<PlanEffects.PeriodEffect> periods = current.periods().stream()
                .map(w -> new PlanEffects.PeriodEffect(current.programme(), w.id(), true, Set.of())).toList();
        return new PlanEffects(periods, current.programme(), Set.of());
    }

    private PlanEffects.PeriodEffect store(ProgrammePeriod next) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            ProgrammePeriod previous = programmePeriods.find(next.programme(), next.period()).orElse(null);
            if (next.sameContentAs(previous)) {
                return new PlanEffects.PeriodEffect(next.programme(), next.period(), false, Set.of());
            }
            if (programmePeriods.replace(previous, next)) {
                log.info("programme {} period {}: {} units with expected reporters, {} rules", next.programme(),
                        next.period(), next.expected().size(), next.rules().size());
                boolean rulesChanged = previous == null || !previous.rules().equals(next.rules())
                        || !previous.cutOffEnd().equals(next.cutOffEnd());
                Set<String> changed = new HashSet<>(next.expected().keySet());
                if (previous != null) {
                    changed.addAll(previous.expected().keySet());
                    changed.removeIf(u -> Objects.equals(previous.expected().get(u), next.expected().get(u)));
                }
                return new PlanEffects.PeriodEffect(next.programme(), next.period(), rulesChanged, changed);
            }
        }
        throw new IllegalStateException("programme period " + next.id() + " kept changing under this update");
    }

    /** The data forms of all plans of the programme, the plan at hand last so that its definitions win. */
    private static Map<String, AggregationRule> rules(List<PlanCopy> sameProgramme, PlanCopy current) {
        Map<String, AggregationRule> rules = new TreeMap<>();
        sameProgramme.stream().filter(p -> !p.planId().equals(current.planId()))
                .sorted(Comparator.comparing(PlanCopy::planId))
                .forEach(p -> p.dataForm().forEach(d -> rules.put(d.code(), ruleOf(d))));
        current.dataForm().forEach(d -> rules.put(d.code(), ruleOf(d)));
        return rules;
    }

    private static AggregationRule ruleOf(IndicatorDefinition definition) {
        if (definition.aggregation() != null) {
            return definition.aggregation();
        }
        return definition.kind() == dev.cascade.contracts.events.IndicatorKind.RATIO
                ? AggregationRule.RATIO_OF_SUMS : AggregationRule.SUM;
    }

    private Map<String, Integer> expectedBeneath(Set<String> reporters, LocalDate day) {
        Map<String, UnitCopy> known = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>(reporters);
        while (!wanted.isEmpty()) {
            Map<String, UnitCopy> found = units.findAll(wanted);
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(found.keySet());
            if (!missing.isEmpty()) {
                throw new NotYetKnownException("units " + missing + " are not known yet");
            }
            known.putAll(found);
            Set<String> parents = new LinkedHashSet<>();
            for (UnitCopy unit : found.values()) {
                unit.placementOn(day).map(Placement::parentCode)
                        .filter(parent -> !known.containsKey(parent)).ifPresent(parents::add);
            }
            wanted = parents;
        }
        return ExpectedReporters.beneath(reporters,
                code -> known.get(code).placementOn(day).map(Placement::parentCode).orElse(null));
    }
}
