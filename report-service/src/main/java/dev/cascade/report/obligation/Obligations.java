package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.platform.outbox.OutboxCollection;
import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.platform.store.Counts;
import dev.cascade.platform.store.StoreIndexes;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The reporting obligations as stored: opened when a period's cut-off window starts ({@link PeriodOpenings}),
 * following the plan as amended or revoked ({@link PlanReconciliation}), fulfilled by the first report, reopened when
 * their report is withdrawn and overdue when the clock passes the deadline without one ({@link ObligationOutcomes}).
 * Every change is one write to one obligation document; the events it publishes travel in that document's outbox.
 */
@Component
public class Obligations {

    public static final String COLLECTION = "obligations";

    private final MongoTemplate mongo;
    private final OutboxRelay outbox;
    private final OutboxEvents events;

    public Obligations(MongoTemplate mongo, OutboxRelay outbox, OutboxEvents events) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.events = events;
        StoreIndexes.create(COLLECTION, () -> {
            var indexes = mongo.indexOps(COLLECTION);
            indexes.createIndex(new Index().on("unitCode", Sort.Direction.ASC).named("by_unit"));
            indexes.createIndex(new Index().on("ancestors", Sort.Direction.ASC).named("by_ancestor"));
            indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC)
                    .named("by_status_due"));
            // amendments and revocations read a programme's obligations (rare; the embedded store scans for them)
            indexes.createIndex(new Index().on("programme", Sort.Direction.ASC).on("period", Sort.Direction.ASC)
                    .named("by_programme_period"));
        });
    }

    @Bean
    static OutboxCollection obligationOutbox() {
        return new OutboxCollection(COLLECTION);
    }

    public long count(ObligationStatus status) {
        return Counts.matching(mongo, query(where("status").is(status)), COLLECTION);
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
    List<Obligation> ofProgramme(String programme, String period) {
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

    /** Inserts the obligations not stored yet, each with its {@code ObligationOpened}; returns how many. */
    int insertNew(List<Obligation> obligations) {
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
     * Applies {@code update} to {@code o} if it is still at its status and version, taking {@code version} and
     * pushing the event in the same write; hands the obligation to the outbox relay.
     */
    boolean change(Obligation o, String type, long version, Instant now, Object payload, Update update) {
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
}
