package dev.cascade.report.obligation;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PeriodReporter;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.unit.UnitCopy;
import dev.cascade.report.unit.Units;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Opens a period of a programme: one obligation per unit owing its report ({@link Programme#reporters}: a reporting
 * unit, or where a succession is in force on the period's cut-off end, its successor, which says whom it replaces),
 * placed in the hierarchy valid on that day, with the deadline of its level.
 */
public final class ObligationOpening {

    private ObligationOpening() {
    }

    /**
     * @param units the unit copy
     * @throws UnitsNotKnown if a unit owing the report or one of its ancestors is not known, or has no placement on
     *                       the cut-off end; nothing is opened then
     */
    public static List<Obligation> open(Programme programme, ReportingPeriod period,
                                        Function<String, Optional<UnitCopy>> units, Instant now) {
        LocalDate day = period.cutOffEnd();
        Set<String> notKnown = new TreeSet<>();
        List<Obligation> obligations = new ArrayList<>();
        for (PeriodReporter reporter : programme.reporters(period)) {
            String code = reporter.unitCode();
            Optional<UnitPlacement> placement = units.apply(code).flatMap(u -> u.placementOn(day));
            if (placement.isEmpty()) {
                notKnown.add(code);
                continue;
            }
            UnitLevel level = placement.get().level();
            LocalDate deadline = deadline(period, level);
            obligations.add(new Obligation(Obligation.idOf(programme.code(), period.id(), code), programme.planId(),
                    programme.code(), period.id(), code, level, placement.get().parentCode(),
                    ancestors(placement.get().parentCode(), day, units, notKnown), deadline, dueAt(deadline),
                    ObligationStatus.OPEN, null, null, null, now, 1, reporter.replaces(), reporter.partial(), null,
                    null, null));
        }
        if (!notKnown.isEmpty()) {
            throw new UnitsNotKnown(programme.planId(), programme.code(), period.id(), day, notKnown);
        }
        return obligations;
    }

    /** The unit copy for a period's opening: the units owing its report read at once, their ancestors one by one. */
    static Function<String, Optional<UnitCopy>> unitLookup(Units units, Programme programme, ReportingPeriod period) {
        Map<String, Optional<UnitCopy>> known = new HashMap<>();
        units.findAll(programme.reporters(period).stream().map(PeriodReporter::unitCode).toList())
                .forEach(u -> known.put(u.code(), Optional.of(u)));
        return code -> known.computeIfAbsent(code, units::find);
    }

    /** The instant a deadline day ends in Asia/Ho_Chi_Minh: the start of the next day. */
    public static Instant dueAt(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(CascadeTime.ZONE).toInstant();
    }

    /**
     * The deadline of a level; a level the programme sets none for (for example an agency) gets the earliest
     * deadline of the period.
     */
    static LocalDate deadline(ReportingPeriod period, UnitLevel level) {
        Map<UnitLevel, LocalDate> deadlines = period.deadlines();
        LocalDate own = deadlines.get(level);
        if (own != null) {
            return own;
        }
        if (deadlines.isEmpty()) {
            throw new IllegalArgumentException("period " + period.id() + " has no deadlines");
        }
        return Collections.min(deadlines.values());
    }

    /**
     * The chain of parents on {@code day}, nearest first, up to the root. An ancestor the unit copy does not know yet
     * is added to {@code notKnown}: the period is opened only once the whole chain is known, because the chain is
     * frozen into the obligation (it answers "everything beneath this unit").
     */
    static List<String> ancestors(String parentCode, LocalDate day, Function<String, Optional<UnitCopy>> units,
                                  Set<String> notKnown) {
        List<String> chain = new ArrayList<>();
        String code = parentCode;
        while (code != null && !chain.contains(code)) {
            chain.add(code);
            Optional<UnitPlacement> placement = units.apply(code).flatMap(u -> u.placementOn(day));
            if (placement.isEmpty()) {
                notKnown.add(code);
                break;
            }
            code = placement.get().parentCode();
        }
        return chain;
    }
}
