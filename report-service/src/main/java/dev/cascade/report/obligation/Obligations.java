package dev.cascade.report.obligation;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ClosureReason;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationOverdue;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.PeriodReporter;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.platform.outbox.OutboxCollection;
import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.UnitCopy;
import dev.cascade.report.unit.Units;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Reporting obligations: opened when a period's cut-off window starts, fulfilled by the first report, overdue when
 * the clock passes the deadline without one, reconciled with an amendment of the plan (opened for units added, closed
 * for units removed, rescheduled for a deadline moved), closed when the plan is revoked and reopened when their report
 * is withdrawn. Every change is one write to one obligation document; the events it publishes travel in that
 * document's outbox.
 */
@Component
public class Obligations {

    public static final String COLLECTION = "obligations";

    private static final Logger log = LoggerFactory.getLogger(Obligations.class);

    private final MongoTemplate mongo;
    private final Programmes programmes;
    private final Units units;
    private final OutboxRelay outbox;
    private final OutboxEvents events;
    private final Clock clock;
    private final ReportsWritten reports;
    /** What {@link #openDuePeriods} last said about a programme whose period cannot open: said once, not every run. */
    private final Map<String, String> notOpened = new ConcurrentHashMap<>();

    public Obligations(MongoTemplate mongo, Programmes programmes, Units units, OutboxRelay outbox, OutboxEvents events,
                       Clock clock, ReportsWritten reports) {
        this.reports = reports;
        this.mongo = mongo;
        this.programmes = programmes;
        this.units = units;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("unitCode", Sort.Direction.ASC).named("by_unit"));
        indexes.createIndex(new Index().on("ancestors", Sort.Direction.ASC).named("by_ancestor"));
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC)
                .named("by_status_due"));
        // Unique (they contain _id) so that the embedded store answers the conditional updates by index: it uses
        // an index only for a query naming exactly its fields, and only unique ones. Redundant on a real MongoDB.
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC).unique()
                .named("id_status"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .on("version", Sort.Direction.ASC).unique().named("id_status_version"));
        // amendments and revocations read a programme's obligations (rare; the embedded store scans for them)
        indexes.createIndex(new Index().on("programme", Sort.Direction.ASC).on("period", Sort.Direction.ASC)
                .named("by_programme_period"));
    }

    @Bean
    static OutboxCollection obligationOutbox() {
        return new OutboxCollection(COLLECTION);
    }

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
     * amendment or a revocation ({@link #reconcile}), then the periods whose cut-off window contains today open.
     *
     * @return how many obligations were opened, closed or rescheduled
     * @throws UnitsNotKnown if a unit owing a report is not in the unit copy yet; nothing of that period changes
     */
    public int bringUpToDate(Programme programme) {
        int changed = reconcile(programme);
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
        List<Obligation> obligations = ObligationOpening.open(programme, period, unitLookup(programme, period), now);
        int opened = insertNew(obligations);
        programmes.markOpened(programme.code(), period.id());
        long successors = obligations.stream().filter(o -> !o.replaces().isEmpty()).count();
        log.info("Opened {} {} of plan {}: {} new obligation(s) of {} unit(s) owing the report ({} in place of "
                        + "units merged or abolished)", programme.code(), period.id(), programme.planId(), opened,
                obligations.size(), successors);
        outbox.publishSoon(COLLECTION, obligations.stream().map(Obligation::id).toList());
        return opened;
    }

    /** The unit copy for a period's opening: the units owing its report read at once, their ancestors one by one. */
    private Function<String, Optional<UnitCopy>> unitLookup(Programme programme, ReportingPeriod period) {
        Map<String, Optional<UnitCopy>> known = new HashMap<>();
        units.findAll(programme.reporters(period).stream().map(PeriodReporter::unitCode).toList())
                .forEach(u -> known.put(u.code(), Optional.of(u)));
        return code -> known.computeIfAbsent(code, units::find);
    }

    /** Inserts the obligations not stored yet, each with its {@code ObligationOpened}; returns how many. */
    private int insertNew(List<Obligation> obligations) {
        if (obligations.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Obligation.class, COLLECTION);
        for (Obligation obligation : obligations) {
            bulk.upsert(query(where("_id").is(obligation.id())), insertOnly(withOpenedEvent(obligation)));
        }
        return bulk.execute().getUpserts().size();
    }

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
            for (Obligation o : ofProgramme(programme.code(), null)) {
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
        List<Obligation> expected = period.isEmpty() ? List.of()
                : ObligationOpening.open(programme, period.get(), unitLookup(programme, period.get()), now);
        Map<String, Obligation> existing = ofProgramme(programme.code(), periodId).stream()
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
        opened += insertNew(added);
        outbox.publishSoon(COLLECTION, added.stream().map(Obligation::id).toList());
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
        return change(o, EventTypes.OBLIGATION_CLOSED, event.version(), now, event, new Update()
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
        return change(o, EventTypes.OBLIGATION_RESCHEDULED, event.version(), now, event, update);
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
        return change(closed, EventTypes.OBLIGATION_OPENED, again.version(), now, again.opened(), update);
    }

    /**
     * Applies {@code update} to {@code o} if it is still at its status and version, taking {@code version} and
     * pushing the event in the same write; hands the obligation to the outbox relay.
     */
    private boolean change(Obligation o, String type, long version, Instant now, Object payload, Update update) {
        OutboxEvent pending = events.compose(type, Topics.OBLIGATIONS, o.unitCode(), o.id(), version, now, payload);
        long changed = mongo.updateFirst(query(where("_id").is(o.id()).and("status").is(o.status())
                        .and("version").is(o.version())),
                update.set("version", version).push(OutboxRelay.EVENTS, pending), Obligation.class, COLLECTION)
                .getModifiedCount();
        if (changed > 0) {
            outbox.publishSoon(COLLECTION, o.id());
        }
        return changed > 0;
    }

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
            Optional<Obligation> found = find(id);
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
            if (change(o, EventTypes.OBLIGATION_REOPENED, event.version(), now, event, update)) {
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
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Obligation> found = find(fulfilled.obligationId());
            if (found.isEmpty() || !found.get().status().owed() || fulfilled.version() < found.get().version()) {
                return;
            }
            Obligation o = found.get();
            // (_id, status, version) exactly, which the index id_status_version answers
            if (mongo.updateFirst(query(where("_id").is(o.id()).and("status").is(o.status())
                            .and("version").is(o.version())),
                    new Update().set("status", fulfilled.status()).set("reportId", fulfilled.reportId())
                            .set("fulfilledAt", fulfilled.fulfilledAt()).set("version", fulfilled.version()),
                    Obligation.class, COLLECTION).getModifiedCount() > 0) {
                return;
            }
        }
    }

    public long count(ObligationStatus status) {
        return mongo.count(query(where("status").is(status)), Obligation.class, COLLECTION);
    }

    public Optional<Obligation> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Obligation.class, COLLECTION));
    }

    /** The obligations of one unit, optionally of one status. */
    public List<Obligation> ofUnit(String unitCode, ObligationStatus status) {
        return list(where("unitCode").is(unitCode), status);
    }

    /** The obligations of every unit beneath {@code unitCode} (in each period's hierarchy), optionally of one status. */
    public List<Obligation> under(String unitCode, ObligationStatus status) {
        return list(where("ancestors").is(unitCode), status);
    }

    /** The obligations of a programme, of one period or ({@code null}) of all. */
    private List<Obligation> ofProgramme(String programme, String period) {
        Criteria criteria = where("programme").is(programme);
        if (period != null) {
            criteria = criteria.and("period").is(period);
        }
        return mongo.find(query(criteria), Obligation.class, COLLECTION);
    }

    private List<Obligation> list(Criteria criteria, ObligationStatus status) {
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        Query query = query(criteria).with(Sort.by("programme", "period", "unitCode"));
        return mongo.find(query, Obligation.class, COLLECTION);
    }

    private Document withOpenedEvent(Obligation o) {
        ObligationOpened opened = o.opened();
        OutboxEvent event = events.compose(EventTypes.OBLIGATION_OPENED, Topics.OBLIGATIONS, o.unitCode(), o.id(),
                o.version(), o.openedAt(), opened);
        return OutboxDocuments.withPending(mongo.getConverter(), o, List.of(event), null);
    }

    private static Update insertOnly(Document document) {
        Update update = new Update();
        document.forEach((field, value) -> {
            if (!field.equals("_id") && value != null) {
                update.setOnInsert(field, value);
            }
        });
        return update;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CascadeTime.ZONE);
    }
}
