package dev.cascade.plan.plans.domain;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.plan.plans.domain.UnresolvedUnits.Unresolved;
import dev.cascade.plan.unit.domain.AbolishedLevel;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.ReformRules;
import dev.cascade.plan.unit.domain.UnitDirectory;
import dev.cascade.plan.unit.domain.UnitLineage;
import lombok.RequiredArgsConstructor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the roles of a plan's units pass across the reforms of the administrative ladder, computed when the plan is
 * issued or amended and published with it ({@code PlanIssued.successions}; who then owes and receives each period's
 * report is the rule of contracts' {@code Successions}). For the issuer and each reporting unit, as the plan names it
 * (its placement on the issue date), and only for reforms on or before the latest period's cut-off end:
 * <ul>
 *     <li><b>merged</b> ({@code MERGED}): the units formed from it ({@link AdministrativeUnit#predecessors()}, the
 *     merge mapping) whose new placement begins after the named placement ended; each successor partial when only
 *     part of the unit went into it. A code that continues (the new 06811 formed from the old 06811 and others) is
 *     a successor of the old unit of that code;</li>
 *     <li><b>level abolished</b> ({@code LEVEL_ABOLISHED}, {@link ReformRules#abolishedLevels()}): a unit of the
 *     abolished level, or an agency hanging (through agencies) under one, passes to its ancestor of the level that
 *     took over the functions, as placed on the last day of the abolished level, followed through that ancestor's own
 *     merge to the units holding it on the day of abolition (district 294 → province 30 → Hải Phòng 31).</li>
 * </ul>
 * A unit whose named placement lasts, or that has another placement of the same code on a day (an agency of a
 * province that continues), needs none. A reporting unit or issuer left with neither a placement nor a succession in
 * force on some period's cut-off end is refused ({@link UnresolvedUnits}).
 */
@RequiredArgsConstructor
public final class PlanSuccessions {

    /** Deeper than any ladder: an agency chain or a parent loop in bad data stops here. */
    private static final int MAX_DEPTH = 12;
    /**
     * Periods named in a refusal's message of one unit (problem texts are cut at 200 characters); the rest are
     * counted. {@link Unresolved#periods()} has them all.
     */
    private static final int PERIODS_NAMED = 3;

    private final UnitDirectory units;
    private final UnitLineage lineage;
    private final ReformRules rules;

    /**
     * The successions of {@code content}'s issuer and reporting units (issuer first, then the reporting units in
     * the plan's order) relevant to {@code periods}.
     *
     * @throws UnresolvedUnits naming each reporting unit (and the issuer) that has, on some period's cut-off end,
     *                         neither a placement nor a succession in force, with those periods
     */
    public List<ReportingSuccession> of(PlanContent content, List<ReportingPeriod> periods) {
        Optional<LocalDate> latest = periods.stream().map(ReportingPeriod::cutOffEnd).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        codes.add(content.issuerUnitCode());
        codes.addAll(content.reportingUnits());
        Lookup lookup = new Lookup(units.find(codes));
        Map<String, List<AdministrativeUnit>> formed = formedFrom(codes);
        List<ReportingSuccession> successions = new ArrayList<>();
        for (String code : codes) {
            AdministrativeUnit unit = lookup.unit(code);
            UnitPlacement named = unit == null ? null : unit.placementOn(content.issueDate()).orElse(null);
            if (named == null || named.validTo() == null) {
                continue;
            }
            merged(code, named, formed.getOrDefault(code, List.of()), latest.get())
                    .or(() -> abolished(unit, named, latest.get(), lookup))
                    .ifPresent(successions::add);
        }
        requireResolved(content, periods, lookup, successions);
        return List.copyOf(successions);
    }

    private Optional<ReportingSuccession> merged(String code, UnitPlacement named, List<AdministrativeUnit> formed,
                                                 LocalDate latest) {
        LocalDate from = null;
        UnitLevel level = null;
        List<SuccessorUnit> successors = new ArrayList<>();
        for (AdministrativeUnit successor : formed) {
            UnitPlacement placement = successor.successorPlacement().orElse(null);
            if (placement == null || placement.validFrom().isAfter(latest)
                    || !placement.validFrom().isAfter(named.validTo())) {
                continue;
            }
            for (UnitPredecessor predecessor : successor.predecessors()) {
                if (predecessor.code().equals(code)) {
                    successors.add(new SuccessorUnit(successor.code(), predecessor.kind() == PredecessorKind.PARTIAL));
                    if (from == null || placement.validFrom().isBefore(from)) {
                        from = placement.validFrom();
                        level = placement.level();
                    }
                }
            }
        }
        if (successors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReportingSuccession(code, from, SuccessionReason.MERGED, successors,
                rules.mergeBasis(level)));
    }

    private Optional<ReportingSuccession> abolished(AdministrativeUnit unit, UnitPlacement named, LocalDate latest,
                                                    Lookup lookup) {
        for (AbolishedLevel rule : rules.abolishedLevels()) {
            LocalDate on = rule.abolishedOn();
            if (on.isAfter(latest) || !named.validTo().isBefore(on)) {
                continue;
            }
            LocalDate eve = rule.lastDay();
            AdministrativeUnit territorial = lookup.territorial(unit, eve);
            if (territorial == null || lookup.level(territorial, eve) != rule.level()) {
                continue;
            }
            AdministrativeUnit holder = lookup.ancestor(territorial, rule.functionsToLevel(), eve);
            if (holder == null) {
                continue;
            }
            List<SuccessorUnit> successors = lookup.heldOn(holder, on);
            if (!successors.isEmpty()) {
                return Optional.of(new ReportingSuccession(unit.code(), on, SuccessionReason.LEVEL_ABOLISHED,
                        successors, rule.basis()));
            }
        }
        return Optional.empty();
    }

    private void requireResolved(PlanContent content, List<ReportingPeriod> periods, Lookup lookup,
                                 List<ReportingSuccession> successions) {
        // a succession is in force from its day on when it names successors (Successions' rule), here by unit once
        Map<String, LocalDate> inForceFrom = new HashMap<>();
        for (ReportingSuccession s : successions) {
            if (!s.successors().isEmpty()) {
                inForceFrom.merge(s.unitCode(), s.from(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Unresolved> unresolved = new ArrayList<>();
        for (String code : new LinkedHashSet<>(content.reportingUnits())) {
            unresolved(code, "reportingUnits", periods, lookup, inForceFrom).ifPresent(unresolved::add);
        }
        unresolved(content.issuerUnitCode(), "issuerUnitCode", periods, lookup, inForceFrom)
                .ifPresent(unresolved::add);
        if (!unresolved.isEmpty()) {
            throw new UnresolvedUnits(content.planId(), unresolved);
        }
    }

    private static Optional<Unresolved> unresolved(String code, String field, List<ReportingPeriod> periods,
                                                   Lookup lookup, Map<String, LocalDate> inForceFrom) {
        AdministrativeUnit unit = lookup.unit(code);
        LocalDate from = inForceFrom.get(code);
        List<ReportingPeriod> missing = periods.stream()
                .filter(p -> (unit == null || unit.placementOn(p.cutOffEnd()).isEmpty())
                        && (from == null || p.cutOffEnd().isBefore(from)))
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = missing.stream().limit(PERIODS_NAMED)
                .map(p -> p.id() + " (" + p.cutOffEnd() + ")").toList();
        String more = missing.size() > PERIODS_NAMED ? " and " + (missing.size() - PERIODS_NAMED) + " more" : "";
        String message = "unit " + code + " has neither a placement nor a successor on the cut-off end of period"
                + (missing.size() > 1 ? "s " : " ") + String.join(", ", named) + more;
        return Optional.of(new Unresolved(field, code, missing.stream().map(ReportingPeriod::id).toList(), message));
    }

    /** The units formed from each of {@code codes} (a unit may be formed from several), by old code, by code. */
    private Map<String, List<AdministrativeUnit>> formedFrom(Set<String> codes) {
        Map<String, List<AdministrativeUnit>> byOldCode = new HashMap<>();
        List<AdministrativeUnit> formed = new ArrayList<>(lineage.formedFrom(codes));
        formed.sort(Comparator.comparing(AdministrativeUnit::code));
        for (AdministrativeUnit unit : formed) {
            for (UnitPredecessor predecessor : unit.predecessors()) {
                if (codes.contains(predecessor.code())) {
                    byOldCode.computeIfAbsent(predecessor.code(), c -> new ArrayList<>()).add(unit);
                }
            }
        }
        return byOldCode;
    }

    /** The units looked up for one plan, with their parents as they are needed. */
    private final class Lookup {

        private final Map<String, AdministrativeUnit> known;
        private final Map<String, List<SuccessorUnit>> held = new HashMap<>();

        Lookup(Map<String, AdministrativeUnit> named) {
            this.known = new LinkedHashMap<>(named);
        }

        /**
         * The units holding {@code unit}'s place on {@code day}: those formed from it that exist that day (Hải Phòng 31
         * for Hải Dương 30, the new Quảng Ninh 22 for the old one), else the unit itself if it exists that day.
         */
        List<SuccessorUnit> heldOn(AdministrativeUnit unit, LocalDate day) {
            return held.computeIfAbsent(unit.code() + "@" + day, k -> heirs(unit, day));
        }

        private List<SuccessorUnit> heirs(AdministrativeUnit unit, LocalDate day) {
            List<SuccessorUnit> heirs = new ArrayList<>();
            for (AdministrativeUnit formed : lineage.formedFrom(List.of(unit.code()))) {
                if (formed.placementOn(day).isEmpty()) {
                    continue;
                }
                formed.predecessors().stream().filter(p -> p.code().equals(unit.code())).findFirst().ifPresent(p ->
                        heirs.add(new SuccessorUnit(formed.code(), p.kind() == PredecessorKind.PARTIAL)));
            }
            if (heirs.isEmpty() && unit.placementOn(day).isPresent()) {
                heirs.add(new SuccessorUnit(unit.code(), false));
            }
            return heirs;
        }

        AdministrativeUnit unit(String code) {
            if (code == null) {
                return null;
            }
            if (!known.containsKey(code)) {
                known.put(code, units.find(List.of(code)).get(code));
            }
            return known.get(code);
        }

        UnitLevel level(AdministrativeUnit unit, LocalDate day) {
            return unit.placementOn(day).map(UnitPlacement::level).orElse(null);
        }

        AdministrativeUnit parent(AdministrativeUnit unit, LocalDate day) {
            return unit.placementOn(day).map(UnitPlacement::parentCode).map(this::unit).orElse(null);
        }

        /** The unit itself, or for an agency the territorial unit it hangs under (through other agencies). */
        AdministrativeUnit territorial(AdministrativeUnit unit, LocalDate day) {
            AdministrativeUnit current = unit;
            for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
                if (level(current, day) != UnitLevel.AGENCY) {
                    return level(current, day) == null ? null : current;
                }
                current = parent(current, day);
            }
            return null;
        }

        /** The unit or its nearest ancestor of {@code level} on {@code day}. */
        AdministrativeUnit ancestor(AdministrativeUnit unit, UnitLevel level, LocalDate day) {
            AdministrativeUnit current = unit;
            for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
                if (level(current, day) == level) {
                    return current;
                }
                current = parent(current, day);
            }
            return null;
        }
    }
}
