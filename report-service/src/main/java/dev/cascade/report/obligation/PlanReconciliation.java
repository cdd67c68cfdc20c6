package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The obligations of a programme's opened periods following its plan as kept: closed when the plan is revoked, and
 * with an amendment opened for units added, closed for units removed, rescheduled for a deadline moved.
 */
@Component
@RequiredArgsConstructor
public class PlanReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PlanReconciliation.class);

    private final Obligations obligations;
    private final Programmes programmes;
    private final Units units;
    private final OutboxRelay outbox;
    private final Clock clock;
    private final ReportsWritten reports;

    /**
     * Makes the obligations of the programme's opened periods follow the plan version kept, once per version (a
     * redelivered or stale amendment changes nothing):
     * <ul>
     *   <li>a revoked plan: every owed (open or overdue) obligation closes, {@code PLAN_REVOKED};</li>
     *   <li>an amended plan, per opened period, against the units now owing its report: a unit without an obligation
     *       gets one ({@code ObligationOpened}); an owed obligation of a unit no longer owing closes,
     *       {@code NO_LONGER_REQUIRED}; an owed obligation whose level's deadline moved is rescheduled (open if the new
     *       deadline day has not ended by the clock, else overdue); one closed as no longer required but owed again
     *       opens again (its {@code ObligationOpened} with the next version). Fulfilled obligations stay as they are,
     *       and so does an owed one whose report is written but not applied yet (it is being fulfilled).</li>
     * </ul>
     * Each change is one conditional write of one obligation with its event in its outbox.
     *
     * @return how many obligations changed
     * @throws UnitsNotKnown if a unit now owing a report is not in the unit copy yet; the programme stays behind and
     *                       is reconciled again by the next attempt
     */
    public int reconcile(Programme programme) {
        if (!programme.obligationsBehind()) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int changed = 0;
        if (programme.revokedOn() != null) {
            for (Obligation o : obligations.ofProgramme(programme.code(), null)) {
                if (o.status().owed() && !reported(o) && close(o, ClosureReason.PLAN_REVOKED, now)) {
                    changed++;
                }
            }
            log.info("Plan {} revoked on {}: {} owed obligation(s) of programme {} closed", programme.planId(),
                    programme.revokedOn(), changed, programme.code());
        } else {
            for (String periodId : programme.openedPeriods()) {
                changed += reconcilePeriod(programme, periodId, now);
            }
        }
        programmes.markReconciled(programme.code(), programme.planVersion());
        return changed;
    }

    private int reconcilePeriod(Programme programme, String periodId, Instant now) {
        Optional<ReportingPeriod> period = programme.period(periodId);
        List<Obligation> expected = period.isEmpty() ? List.of() : ObligationOpening.open(programme, period.get(),
                ObligationOpening.unitLookup(units, programme, period.get()), now);
        Map<String, Obligation> existing = obligations.ofProgramme(programme.code(), periodId).stream()
                .collect(Collectors.toMap(Obligation::id, o -> o, (a, b) -> a, LinkedHashMap::new));
        List<Obligation> added = new ArrayList<>();
        int opened = 0;
        int closed = 0;
        int rescheduled = 0;
        for (Obligation wanted : expected) {
            Obligation o = existing.get(wanted.id());
            if (o == null) {
                added.add(wanted);
            } else if (o.status() == ObligationStatus.CLOSED) {
                opened += openAgain(o, wanted, now) ? 1 : 0;
            } else if (o.status().owed() && !o.deadline().equals(ObligationOpening.deadline(period.get(), o.level()))
                    && !reported(o)) {
                rescheduled += reschedule(o, ObligationOpening.deadline(period.get(), o.level()), now) ? 1 : 0;
            }
        }
        Set<String> wantedIds = expected.stream().map(Obligation::id).collect(Collectors.toSet());
        for (Obligation o : existing.values()) {
            if (!wantedIds.contains(o.id()) && o.status().owed() && !reported(o)
                    && close(o, ClosureReason.NO_LONGER_REQUIRED, now)) {
                closed++;
            }
        }
        opened += obligations.insertNew(added);
        outbox.publishSoon(Obligations.COLLECTION, added.stream().map(Obligation::id).toList());
        if (opened + closed + rescheduled > 0) {
            log.info("Plan {} v{}: programme {} period {} follows the amendment: {} obligation(s) opened, {} closed as "
                            + "no longer required, {} rescheduled", programme.planId(), programme.planVersion(),
                    programme.code(), periodId, opened, closed, rescheduled);
        }
        return opened + closed + rescheduled;
    }

    /** Whether the unit's report is written, its fulfilment on its way: the obligation is left to it. */
    private boolean reported(Obligation o) {
        return reports.written(o.programme(), o.period(), o.unitCode());
    }

    private boolean close(Obligation o, ClosureReason reason, Instant now) {
        ObligationClosed event = o.closed(reason, now);
        return obligations.change(o, EventTypes.OBLIGATION_CLOSED, event.version(), now, event, new Update()
                .set("status", ObligationStatus.CLOSED).set("closedReason", reason).set("closedAt", now));
    }

    private boolean reschedule(Obligation o, LocalDate deadline, Instant now) {
        ObligationRescheduled event = o.rescheduled(deadline, now);
        Update update = new Update().set("deadline", deadline).set("dueAt", event.dueAt())
                .set("status", event.status());
        if (event.status() == ObligationStatus.OVERDUE) {
            update.set("overdueSince", o.overdueSince() != null ? o.overdueSince() : now);
        } else {
            update.unset("overdueSince");
        }
        return obligations.change(o, EventTypes.OBLIGATION_RESCHEDULED, event.version(), now, event, update);
    }

    /** A closed obligation whose unit owes the report again under a later amendment: open (or overdue) again. */
    private boolean openAgain(Obligation closed, Obligation wanted, Instant now) {
        Obligation again = new Obligation(closed.id(), closed.planId(), closed.programme(), closed.period(),
                closed.unitCode(), closed.level(), closed.parentCode(), closed.ancestors(), wanted.deadline(),
                wanted.dueAt(), null, null, null, null, closed.openedAt(), closed.version() + 1, wanted.replaces(),
                wanted.partialSuccession(), null, null, closed.lastWithdrawal());
        ObligationStatus status = again.owedStatusAt(now);
        Update update = new Update().set("status", status).set("deadline", again.deadline())
                .set("dueAt", again.dueAt()).set("replaces", again.replaces())
                .set("partialSuccession", again.partialSuccession()).unset("closedReason").unset("closedAt");
        if (status == ObligationStatus.OVERDUE) {
            update.set("overdueSince", now);
        }
        return obligations.change(closed, EventTypes.OBLIGATION_OPENED, again.version(), now, again.opened(), update);
    }
}
