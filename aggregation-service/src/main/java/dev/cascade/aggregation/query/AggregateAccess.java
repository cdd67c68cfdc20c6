package dev.cascade.aggregation.query;

import dev.cascade.aggregation.hierarchy.Placement;
import dev.cascade.aggregation.hierarchy.UnitCopies;
import dev.cascade.aggregation.hierarchy.UnitCopy;
import dev.cascade.aggregation.plan.PeriodWindow;
import dev.cascade.aggregation.plan.PlanCopies;
import dev.cascade.aggregation.plan.ProgrammePeriod;
import dev.cascade.aggregation.plan.ProgrammePeriods;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.platform.security.AccessRefused;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.security.Role;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who may read which aggregates: the platform's {@code read} rule (any role of the unit itself; REVIEWER or VIEWER of
 * a unit above it), judged on the hierarchy of the day the read concerns.
 * <ul>
 *   <li>The day of a period is its cut-off end ({@link ProgrammePeriod#cutOffEndDay()}), the day whose hierarchy the
 *       period rolls up along: a 2024 period is judged on the pre-reform tree (a district's reviewer reads his
 *       communes' 2024 figures), a 2025 period on the post-reform tree. A period no plan of the programme has is
 *       judged on today's tree (the read then answers 404 to whoever may read the unit).</li>
 *   <li>A restated read (a post-reform unit's figures for a period before it was formed) presents the unit as it is
 *       after the reform, so it is judged on the first day of the unit's successor placement.</li>
 *   <li>A series spans periods: it is allowed when the caller may read the unit on today's tree or on the tree of
 *       any period of the programme, and holds only the periods whose day allows it.</li>
 *   <li>A REVIEWER or VIEWER of the national unit (the root, above every unit) also reads a unit that has no place
 *       on that day (unknown here, or merged away): the read then answers what it answers for it (404, or an empty
 *       series). Anyone else gets 403 for such a unit, since it cannot be shown to lie beneath them.</li>
 * </ul>
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class AggregateAccess {

    private final AccessRules rules;
    private final ProgrammePeriods programmePeriods;
    private final PlanCopies plans;
    private final UnitCopies units;

    /** Reading the aggregate (or missing units, or feed) of {@code key}; {@code restate} as the request asks. */
    Grant read(Caller caller, AggregateKey key, boolean restate) {
        LocalDate day = dayOf(key.programme(), key.period());
        if (restate) {
            day = successorStart(key.unitCode(), day).orElse(day);
        }
        return read(caller, key.unitCode(), day);
    }

    /**
     * Reading a unit's series: allowed when the caller may read the unit on today's tree or on the tree of any
     * period of the programme.
     */
    Grant readSeries(Caller caller, String programme, String unitCode) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (var plan : plans.ofProgramme(programme)) {
            plan.periods().forEach(window -> days.add(window.cutOffEndDay()));
        }
        for (LocalDate day : List.copyOf(days)) {
            successorStart(unitCode, day).ifPresent(days::add);
        }
        LocalDate today = rules.today();
        AccessRefused refusal;
        try {
            return read(caller, unitCode, today);
        } catch (AccessRefused refused) {
            refusal = refused;
        }
        for (LocalDate day : days.descendingSet()) {
            if (mayRead(caller, unitCode, day)) {
                return read(caller, unitCode, day);
            }
        }
        throw refusal;
    }

    /** The periods of a series the caller may read, each judged on its own day (a restated one as restated). */
    List<AggregateView> readable(Caller caller, String unitCode, List<AggregateView> series) {
        return series.stream().filter(view -> {
            LocalDate day = dayOf(view.programme(), view.period());
            if (view.restated()) {
                day = successorStart(unitCode, day).orElse(day);
            }
            return mayRead(caller, unitCode, day);
        }).toList();
    }

    /** The day whose hierarchy a read of the programme's period is judged on: the period's cut-off end. */
    LocalDate dayOf(String programme, String period) {
        return programmePeriods.find(programme, period).map(ProgrammePeriod::cutOffEndDay)
                .or(() -> plans.ofProgramme(programme).stream().map(plan -> plan.period(period))
                        .flatMap(Optional::stream).map(PeriodWindow::cutOffEndDay).findFirst())
                .orElseGet(rules::today);
    }

    private boolean mayRead(Caller caller, String unitCode, LocalDate day) {
        return AccessRules.allows(() -> read(caller, unitCode, day));
    }

    private Grant read(Caller caller, String unitCode, LocalDate day) {
        try {
            return rules.read(caller, unitCode, day);
        } catch (AccessRefused refused) {
            Optional<Role> national = nationalReader(caller);
            if (national.isPresent() && placed(unitCode, day).isEmpty()) {
                return new Grant(caller, national.get(), "REVIEWER or VIEWER of the national unit "
                        + rules.nationalUnit() + " (unit " + unitCode + " has no place on " + day + ")");
            }
            throw refused;
        }
    }

    private Optional<Role> nationalReader(Caller caller) {
        if (!rules.nationalUnit().equals(caller.unitCode())) {
            return Optional.empty();
        }
        return caller.has(Role.VIEWER) ? Optional.of(Role.VIEWER)
                : caller.has(Role.REVIEWER) ? Optional.of(Role.REVIEWER) : Optional.empty();
    }

    private Optional<Placement> placed(String unitCode, LocalDate day) {
        return units.find(unitCode).flatMap(unit -> unit.placementOn(day));
    }

    /** For a unit restatable on {@code day}: the first day of the placement its predecessors formed. */
    private Optional<LocalDate> successorStart(String unitCode, LocalDate day) {
        return units.find(unitCode).filter(unit -> unit.restatableOn(day)).flatMap(UnitCopy::successorPlacement)
                .map(placement -> LocalDate.parse(placement.validFrom()));
    }
}
