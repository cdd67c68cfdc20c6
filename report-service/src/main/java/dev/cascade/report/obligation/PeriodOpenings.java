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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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
    /** Programme code → held while a thread brings that programme up to date. */
    private final Map<String, ReentrantLock> busy = new ConcurrentHashMap<>();

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
     * today open. One thread at a time per programme: a thread that finds another bringing it up to date waits for it
     * and then reads the programme again, so that what the other did is not done twice (a national plan's 10,047
     * obligations were opened by the plan consumer and the periodic job side by side, each writing them all).
     *
     * @return how many obligations were opened, closed or rescheduled
     * @throws UnitsNotKnown if a unit owing a report is not in the unit copy yet; nothing of that period changes
     */
    public int bringUpToDate(Programme programme) {
        ReentrantLock lock = lockOf(programme.code());
        boolean waited = !lock.tryLock();
        if (waited) {
            lock.lock();
        }
        try {
            return upToDate(waited ? programmes.find(programme.code()).orElse(programme) : programme);
        } finally {
            lock.unlock();
        }
    }

    private int upToDate(Programme programme) {
        int changed = reconciliation.reconcile(programme);
        return changed + openCurrentPeriods(programme);
    }

    private ReentrantLock lockOf(String programmeCode) {
        return busy.computeIfAbsent(programmeCode, code -> new ReentrantLock());
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
        LocalDate today = today();
        // the programmes without their reporting units and successions (a national one lists ten thousand): only one
        // with something to do is read whole
        for (Programme outline : programmes.allOutlines()) {
            if (!outline.obligationsBehind() && (outline.revokedOn() != null
                    || outline.periodsToOpenOn(today).isEmpty())) {
                notOpened.remove(outline.code());
                continue;
            }
            ReentrantLock lock = lockOf(outline.code());
            if (!lock.tryLock()) {
                continue; // being brought up to date by the plan consumer now; the next run sees what is left
            }
            try {
                Optional<Programme> programme = programmes.find(outline.code());
                if (programme.isPresent()) {
                    opened += upToDate(programme.get());
                }
                notOpened.remove(outline.code());
            } catch (UnitsNotKnown e) {
                if (!e.getMessage().equals(notOpened.put(outline.code(), e.getMessage()))) {
                    log.warn("Period not opened yet, tried again every run: {}", e.getMessage());
                }
            } finally {
                lock.unlock();
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
