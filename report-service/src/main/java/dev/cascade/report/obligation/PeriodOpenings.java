package dev.cascade.report.obligation;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the obligations of a programme's periods when their cut-off window starts ({@link ObligationOpening}), after
 * the periods already opened have followed the plan as kept ({@link PlanReconciliation}).
 */
@Component
@RequiredArgsConstructor
public class PeriodOpenings {

    private static final Logger log = LoggerFactory.getLogger(PeriodOpenings.class);

    private final Obligations obligations;
    private final PlanReconciliation reconciliation;
    private final Programmes programmes;
    private final Units units;
    private final OutboxRelay outbox;
    private final Clock clock;
    /** What {@link #openDuePeriods} last said about a programme whose period cannot open: said once, not every run. */
    private final Map<String, String> notOpened = new ConcurrentHashMap<>();

    /**
     * Opens the programme's periods whose cut-off window contains today (by the clock) and that are not open yet
     * (none of a revoked plan).
     *
     * @return how many obligations were opened now (0 when all were already open: a repeat opens nothing twice)
     * @throws UnitsNotKnown if a reporting unit is not in the unit copy yet; nothing of that period is opened
     */
    public int openCurrentPeriods(Programme programme) {
        if (programme.revokedOn() != null) {
            return 0; // a revoked plan opens nothing more
        }
        int opened = 0;
        for (ReportingPeriod period : programme.periodsToOpenOn(today())) {
            opened += openPeriod(programme, period);
        }
        return opened;
    }

    /**
     * Brings a programme's obligations up to date with the plan as kept: first the periods already opened follow an
     * amendment or a revocation ({@link PlanReconciliation#reconcile}), then the periods whose cut-off window contains
     * today open.
     *
     * @return how many obligations were opened, closed or rescheduled
     * @throws UnitsNotKnown if a unit owing a report is not in the unit copy yet; nothing of that period changes
     */
    public int bringUpToDate(Programme programme) {
        int changed = reconciliation.reconcile(programme);
        return changed + openCurrentPeriods(programme);
    }

    /**
     * Brings every known programme up to date ({@link #bringUpToDate}): opens every period whose cut-off window has
     * started (and not ended) by the clock and is not open yet, and reconciles the opened periods of a plan amended or
     * revoked since. Public so that tests and the system test can run it; it also runs every
     * {@code cascade.obligations.open-interval}. A period that cannot open because units are not known is named in
     * one line the first time (and again when the units missing change), not at every run.
     *
     * @return how many obligations were opened, closed or rescheduled
     */
    public int openDuePeriods() {
        int opened = 0;
        for (Programme programme : programmes.all()) {
            try {
                opened += bringUpToDate(programme);
                notOpened.remove(programme.code());
            } catch (UnitsNotKnown e) {
                if (!e.getMessage().equals(notOpened.put(programme.code(), e.getMessage()))) {
                    log.warn("Period not opened yet, tried again every run: {}", e.getMessage());
                }
            }
        }
        return opened;
    }

    int openPeriod(Programme programme, ReportingPeriod period) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Obligation> opening = ObligationOpening.open(programme, period,
                ObligationOpening.unitLookup(units, programme, period), now);
        int opened = obligations.insertNew(opening);
        programmes.markOpened(programme.code(), period.id());
        long successors = opening.stream().filter(o -> !o.replaces().isEmpty()).count();
        log.info("Opened {} {} of plan {}: {} new obligation(s) of {} unit(s) owing the report ({} in place of "
                        + "units merged or abolished)", programme.code(), period.id(), programme.planId(), opened,
                opening.size(), successors);
        outbox.publishSoon(Obligations.COLLECTION, opening.stream().map(Obligation::id).toList());
        return opened;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CascadeTime.ZONE);
    }
}
