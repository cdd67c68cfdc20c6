package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOverdue;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import lombok.RequiredArgsConstructor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static dev.cascade.report.obligation.Obligations.COLLECTION;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * What happens to an obligation once opened, apart from its plan's changes: fulfilled by the first report, reopened
 * when that report is withdrawn, overdue when the clock passes the deadline without one.
 */
@Component
@RequiredArgsConstructor
public class ObligationOutcomes {

    private final Obligations obligations;
    private final MongoTemplate mongo;
    private final Programmes programmes;
    private final OutboxRelay outbox;
    private final OutboxEvents events;
    private final Clock clock;
    private final ReportsWritten reports;

    /**
     * Reopens the obligation fulfilled by a report that has been withdrawn: owed again, {@code OPEN}, or
     * {@code OVERDUE} when its deadline day has ended by the clock, with the next version and an
     * {@code ObligationReopened} in its outbox. Applied once per withdrawal (the obligation remembers the report
     * version of the last withdrawal it applied), so running it again (the outbox sweeper, a retry) changes nothing.
     * Nothing is reopened under a revoked plan, nor for a unit that an amendment no longer requires to report.
     *
     * @return whether it was reopened now
     */
    public boolean reopen(ReportWithdrawn withdrawn) {
        String id = Obligation.idOf(withdrawn.programme(), withdrawn.period(), withdrawn.unitCode());
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Obligation> found = obligations.find(id);
            if (found.isEmpty() || !found.get().status().fulfilled()
                    || !withdrawn.reportId().equals(found.get().reportId())
                    || (found.get().lastWithdrawal() != null
                    && found.get().lastWithdrawal() >= withdrawn.reportVersion())
                    || !stillOwed(found.get())) {
                return false;
            }
            Obligation o = found.get();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            ObligationReopened event = o.reopened(withdrawn.reportId(), now);
            Update update = new Update().set("status", event.status()).unset("reportId").unset("fulfilledAt")
                    .set("lastWithdrawal", withdrawn.reportVersion());
            if (event.status() == ObligationStatus.OVERDUE) {
                update.set("overdueSince", now);
            } else {
                update.unset("overdueSince");
            }
            if (obligations.change(o, EventTypes.OBLIGATION_REOPENED, event.version(), now, event, update)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the obligation's unit still owes a report under its plan as kept (not revoked, still a reporter). */
    private boolean stillOwed(Obligation o) {
        Optional<Programme> programme = programmes.find(o.programme());
        if (programme.isEmpty()) {
            return true;
        }
        if (programme.get().revokedOn() != null) {
            return false;
        }
        return programme.get().period(o.period())
                .map(p -> programme.get().reporters(p).stream().anyMatch(r -> r.unitCode().equals(o.unitCode())))
                .orElse(false);
    }

    /**
     * Marks overdue every open obligation whose deadline has passed by the clock, and publishes
     * {@code cascade.obligation.overdue} for each (version + 1, in the obligation's own outbox, one write per
     * obligation). An obligation whose unit has already written its report is left to that report's fulfilment.
     * Public so that tests and the system test can run it; it also runs every
     * {@code cascade.obligations.overdue-interval}.
     *
     * @return how many obligations became overdue
     */
    public int markOverdue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Obligation> due = mongo.find(query(where("status").is(ObligationStatus.OPEN).and("dueAt").lte(now)),
                Obligation.class, COLLECTION);
        int overdue = 0;
        for (Obligation o : due) {
            // a report written but not applied to its obligation yet (its fulfilment is still in the report's outbox)
            if (reports.written(o.programme(), o.period(), o.unitCode())) {
                continue;
            }
            ObligationOverdue event = o.overdue(now);
            long version = event.version();
            OutboxEvent pending = events.compose(EventTypes.OBLIGATION_OVERDUE, Topics.OBLIGATIONS, o.unitCode(),
                    o.id(), version, now, event);
            long changed = mongo.updateFirst(query(where("_id").is(o.id()).and("status").is(ObligationStatus.OPEN)
                            .and("version").is(o.version())),
                    new Update().set("status", ObligationStatus.OVERDUE).set("overdueSince", now)
                            .set("version", version).push(OutboxRelay.EVENTS, pending),
                    Obligation.class, COLLECTION).getModifiedCount();
            if (changed > 0) {
                overdue++;
                outbox.publishSoon(COLLECTION, o.id());
            }
        }
        return overdue;
    }

    /**
     * Applies a fulfilment to its obligation, once: only an owed (open or overdue) obligation is fulfilled, so applying
     * it again (a retry, the outbox sweeper) changes nothing; and only by a fulfilment composed from the obligation's
     * current version or later, so a fulfilment written before the obligation was reopened (its report withdrawn)
     * does not fulfil it again. The version never goes down.
     */
    public void applyFulfilment(ObligationFulfilled fulfilled) {
        // the usual case in one write, without reading the obligation first: still open, at the version the
        // fulfilment was composed from (a narrower condition than the rule below, so the same outcome when it holds)
        if (fulfil(fulfilled, ObligationStatus.OPEN, fulfilled.version() - 1)) {
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Obligation> found = obligations.find(fulfilled.obligationId());
            if (found.isEmpty() || !found.get().status().owed() || fulfilled.version() < found.get().version()) {
                return;
            }
            if (fulfil(fulfilled, found.get().status(), found.get().version())) {
                return;
            }
        }
    }

    /** Fulfils the obligation if it is still in {@code status} at {@code version}; whether it did. */
    private boolean fulfil(ObligationFulfilled fulfilled, ObligationStatus status, long version) {
        return mongo.updateFirst(query(where("_id").is(fulfilled.obligationId()).and("status").is(status)
                        .and("version").is(version)),
                new Update().set("status", fulfilled.status()).set("reportId", fulfilled.reportId())
                        .set("fulfilledAt", fulfilled.fulfilledAt()).set("version", fulfilled.version()),
                Obligation.class, COLLECTION).getModifiedCount() > 0;
    }
}
