package dev.cascade.report.obligation;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationOverdue;
import dev.cascade.contracts.events.ObligationStatus;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Reporting obligations: opened when a period's cut-off window starts, fulfilled by the first report, overdue when
 * the clock passes the deadline without one. Every change is one write to one obligation document; the events it
 * publishes travel in that document's outbox.
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
    }

    @Bean
    static OutboxCollection obligationOutbox() {
        return new OutboxCollection(COLLECTION);
    }

    /**
     * Opens the programme's periods whose cut-off window contains today (by the clock) and that are not open yet.
     *
     * @return how many obligations were opened now (0 when all were already open: a repeat opens nothing twice)
     * @throws UnitsNotKnown if a reporting unit is not in the unit copy yet; nothing of that period is opened
     */
    public int openCurrentPeriods(Programme programme) {
        int opened = 0;
        for (ReportingPeriod period : programme.periodsToOpenOn(today())) {
            opened += openPeriod(programme, period);
        }
        return opened;
    }

    /**
     * Opens every period whose cut-off window has started (and not ended) by the clock and that is not open yet, for
     * every known programme. Public so that tests and the system test can run it; it also runs every
     * {@code cascade.obligations.open-interval}.
     *
     * @return how many obligations were opened
     */
    public int openDuePeriods() {
        int opened = 0;
        for (Programme programme : programmes.all()) {
            try {
                opened += openCurrentPeriods(programme);
            } catch (UnitsNotKnown e) {
                log.warn("Period not opened yet: {}", e.getMessage());
            }
        }
        return opened;
    }

    int openPeriod(Programme programme, ReportingPeriod period) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Optional<UnitCopy>> known = new HashMap<>();
        units.findAll(programme.reportingUnits()).forEach(u -> known.put(u.code(), Optional.of(u)));
        List<Obligation> obligations = ObligationOpening.open(programme, period,
                code -> known.computeIfAbsent(code, units::find), now);
        int opened = 0;
        if (!obligations.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Obligation.class, COLLECTION);
            for (Obligation obligation : obligations) {
                bulk.upsert(query(where("_id").is(obligation.id())), insertOnly(withOpenedEvent(obligation)));
            }
            opened = bulk.execute().getUpserts().size();
        }
        programmes.markOpened(programme.code(), period.id());
        log.info("Opened {} {}: {} new obligation(s) of {} reporting unit(s)", programme.code(), period.id(), opened,
                obligations.size());
        outbox.publishSoon(COLLECTION, obligations.stream().map(Obligation::id).toList());
        return opened;
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
     * Applies a fulfilment to its obligation, once: only an open or overdue obligation is fulfilled, so applying it
     * again (a retry, the outbox sweeper) changes nothing. The version never goes down.
     */
    public void applyFulfilment(ObligationFulfilled fulfilled) {
        Update update = new Update().set("status", fulfilled.status())
                .set("reportId", fulfilled.reportId())
                .set("fulfilledAt", fulfilled.fulfilledAt())
                .max("version", fulfilled.version());
        // one status at a time: each query names (_id, status) exactly, which the index id_status answers
        for (ObligationStatus from : List.of(ObligationStatus.OPEN, ObligationStatus.OVERDUE)) {
            if (mongo.updateFirst(query(where("_id").is(fulfilled.obligationId()).and("status").is(from)), update,
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

    private List<Obligation> list(Criteria criteria, ObligationStatus status) {
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        Query query = query(criteria).with(Sort.by("programme", "period", "unitCode"));
        return mongo.find(query, Obligation.class, COLLECTION);
    }

    private Document withOpenedEvent(Obligation o) {
        ObligationOpened opened = new ObligationOpened(o.id(), o.planId(), o.programme(), o.period(), o.unitCode(),
                o.level(), o.parentCode(), o.deadline(), o.dueAt(), o.version());
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
