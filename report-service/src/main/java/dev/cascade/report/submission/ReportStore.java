package dev.cascade.report.submission;

import dev.cascade.platform.outbox.OutboxCollection;
import dev.cascade.platform.outbox.OutboxDocuments;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.platform.store.StoreIndexes;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.report.obligation.ReportsWritten;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The reports collection, the one place that reads and writes it: one document per unit, programme and period, its
 * versions, reviews and withdrawals ({@link Report}), and the events not yet acknowledged (its outbox, not part of
 * the record: {@link OutboxDocuments}). Every change is one
 * conditional write of that document, handed to the outbox relay right after.
 */
@Component
public class ReportStore implements ReportsWritten {

    public static final String COLLECTION = "reports";

    private final MongoTemplate mongo;
    private final OutboxRelay outbox;

    public ReportStore(MongoTemplate mongo, OutboxRelay outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        // one report per unit, programme and period: two first submissions racing end as version 1 and 2
        StoreIndexes.create(COLLECTION, () -> {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("programme", Sort.Direction.ASC)
                    .on("period", Sort.Direction.ASC).on("unitCode", Sort.Direction.ASC).unique()
                    .named("one_report_per_obligation"));
        });
    }

    @Bean
    static OutboxCollection reportOutbox() {
        return new OutboxCollection(COLLECTION);
    }

    public Optional<Report> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, Report.class, COLLECTION));
    }

    /** The report with this id, or the refusal saying there is none. */
    Report get(String reportId) {
        return find(reportId).orElseThrow(() -> notFound(reportId));
    }

    Optional<Report> findFor(String programme, String period, String unitCode) {
        return Optional.ofNullable(mongo.findOne(query(where("programme").is(programme)
                .and("period").is(period).and("unitCode").is(unitCode)), Report.class, COLLECTION));
    }

    /** Whether the unit's report is written and not withdrawn (a withdrawn report leaves its obligation owed). */
    @Override
    public boolean written(String programme, String period, String unitCode) {
        // exactly the fields of the unique index one_report_per_obligation, so the embedded store answers by index
        var byObligation = query(where("programme").is(programme).and("period").is(period).and("unitCode")
                .is(unitCode));
        byObligation.fields().include("status");
        Document report = mongo.findOne(byObligation, Document.class, COLLECTION);
        return report != null && !ReportStatus.WITHDRAWN.name().equals(report.getString("status"));
    }

    /**
     * Writes version 1 with its {@code pending} events, already leased by the caller's relay, and hands them to the
     * relay; {@code false} when another request wrote version 1 first.
     */
    boolean insertFirst(Report report, List<OutboxEvent> pending) {
        Instant lease = outbox.newLease();
        try {
            mongo.insert(OutboxDocuments.withPending(ReportBson.write(report), pending, lease), COLLECTION);
        } catch (DuplicateKeyException raced) {
            return false;
        }
        outbox.publishLeasedSoon(COLLECTION, report.id(), lease, pending);
        return true;
    }

    /**
     * Applies {@code change} and appends {@code event} to the outbox of {@code current}, if it is still at its latest
     * version (and in {@code status}, unless that is {@code null}); {@code false} when someone changed it first.
     */
    boolean change(Report current, ReportStatus status, Update change, OutboxEvent event) {
        return changeWithEvents(current, status, change, List.of(event));
    }

    /** {@link #change(Report, ReportStatus, Update, OutboxEvent)} with several events, in order. */
    boolean changeWithEvents(Report current, ReportStatus status, Update change, List<OutboxEvent> events) {
        Criteria unchanged = where("_id").is(current.id()).and("latestVersion").is(current.latestVersion());
        if (status != null) {
            unchanged = unchanged.and("status").is(status);
        }
        Update withEvents = events.size() == 1 ? change.push(OutboxRelay.EVENTS, events.get(0))
                : change.push(OutboxRelay.EVENTS).each(events.toArray());
        long changed = mongo.updateFirst(query(unchanged), withEvents, Report.class, COLLECTION).getModifiedCount();
        if (changed > 0) {
            outbox.publishSoon(COLLECTION, current.id());
        }
        return changed > 0;
    }

    static RequestRefused notFound(String reportId) {
        return RequestRefused.of(Reason.NOT_FOUND, "Report not found",
                new FieldProblem("id", "no report " + reportId));
    }
}
