package dev.cascade.report.submission;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.Obligations;
import dev.cascade.report.outbox.Outbox;
import dev.cascade.report.outbox.OutboxCollection;
import dev.cascade.report.outbox.OutboxEvent;
import dev.cascade.report.outbox.OutboxEvents;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import dev.cascade.report.web.FieldProblem;
import dev.cascade.report.web.RejectedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Accepts reports. A submission is checked completely before anything is written; then it is one write of one
 * report document (the new version together with the events announcing it). The events are sent right after, and
 * by the outbox sweeper if that fails.
 */
@Component
public class Submissions {

    public static final String COLLECTION = "reports";
    private static final int REVISION_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(Submissions.class);

    private final MongoTemplate mongo;
    private final Programmes programmes;
    private final Units units;
    private final Obligations obligations;
    private final Outbox outbox;
    private final OutboxEvents events;
    private final Clock clock;
    private final MeterRegistry meters;

    public Submissions(MongoTemplate mongo, Programmes programmes, Units units, Obligations obligations,
                       Outbox outbox, OutboxEvents events, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.programmes = programmes;
        this.units = units;
        this.obligations = obligations;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
        // one report per unit, programme and period: two first submissions racing end as version 1 and 2
        mongo.indexOps(COLLECTION).createIndex(new Index().on("programme", Sort.Direction.ASC)
                .on("period", Sort.Direction.ASC).on("unitCode", Sort.Direction.ASC).unique()
                .named("one_report_per_obligation"));
    }

    @Bean
    static OutboxCollection reportOutbox() {
        return new OutboxCollection(COLLECTION);
    }

    /** The answer to an accepted submission. */
    public record Accepted(String reportId, int version, boolean late) {
    }

    /**
     * Accepts a report: the first version of the unit's report for the period, or the next version of it.
     *
     * @throws RejectedRequest (422, 409) when anything is wrong; nothing is stored or published then
     */
    public Accepted submit(SubmissionRequest request) {
        try {
            Obligation obligation = check(request);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Accepted accepted = firstOrNext(request, obligation, now);
            meters.counter("cascade.reports.accepted", "kind", accepted.version() == 1 ? "first" : "revision",
                    "late", String.valueOf(accepted.late())).increment();
            return accepted;
        } catch (RejectedRequest rejected) {
            meters.counter("cascade.reports.rejected", "status", String.valueOf(rejected.status())).increment();
            throw rejected;
        }
    }

    public Optional<Report> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, Report.class, COLLECTION));
    }

    private Obligation check(SubmissionRequest request) {
        List<FieldProblem> problems = new ArrayList<>(SubmissionRules.checkRequired(request));
        Programme programme = null;
        if (!SubmissionRules.blank(request.programme())) {
            programme = programmes.find(request.programme()).orElse(null);
            if (programme == null) {
                problems.add(new FieldProblem("programme", "unknown programme " + request.programme()));
            }
        }
        ReportingPeriod period = null;
        if (programme != null && !SubmissionRules.blank(request.period())) {
            period = programme.period(request.period()).orElse(null);
            if (period == null) {
                problems.add(new FieldProblem("period", "programme " + programme.code() + " has no period "
                        + request.period()));
            }
        }
        if (!SubmissionRules.blank(request.unitCode()) && units.find(request.unitCode()).isEmpty()) {
            problems.add(new FieldProblem("unitCode", "unknown unit " + request.unitCode()));
        }
        if (programme != null) {
            problems.addAll(SubmissionRules.checkContent(request, programme));
        }
        if (!problems.isEmpty()) {
            throw new RejectedRequest(RejectedRequest.UNPROCESSABLE, "Report refused",
                    problems.size() + " problem(s) in the report; see errors", problems);
        }
        String obligationId = Obligation.idOf(programme.code(), period.id(), request.unitCode());
        Optional<Obligation> obligation = obligations.find(obligationId);
        if (obligation.isEmpty() && !programme.opened(period.id())) {
            throw RejectedRequest.of(RejectedRequest.CONFLICT, "Period not open",
                    new FieldProblem("period", "period " + period.id() + " of programme " + programme.code()
                            + " is not open for reporting (its cut-off window runs " + period.cutOffStart() + " to "
                            + period.cutOffEnd() + ")"));
        }
        if (obligation.isEmpty()) {
            throw RejectedRequest.of(RejectedRequest.UNPROCESSABLE, "No obligation",
                    new FieldProblem("unitCode", "unit " + request.unitCode() + " owes no report for programme "
                            + programme.code() + " period " + period.id()));
        }
        return obligation.get();
    }

    private Accepted firstOrNext(SubmissionRequest request, Obligation obligation, Instant now) {
        Optional<Report> existing = findFor(obligation);
        if (existing.isEmpty()) {
            Optional<Accepted> first = insertFirst(request, obligation, now);
            if (first.isPresent()) {
                return first.get();
            }
        }
        for (int attempt = 0; attempt < REVISION_ATTEMPTS; attempt++) {
            Report current = findFor(obligation).orElseThrow();
            Optional<Accepted> next = appendVersion(current, request, now);
            if (next.isPresent()) {
                return next.get();
            }
        }
        throw RejectedRequest.of(RejectedRequest.CONFLICT, "Concurrent revisions",
                new FieldProblem("unitCode", "the report of unit " + obligation.unitCode()
                        + " is being revised by someone else; try again"));
    }

    /** Version 1; empty when another request wrote version 1 first. */
    private Optional<Accepted> insertFirst(SubmissionRequest request, Obligation obligation, Instant now) {
        ReportVersion version = ReportVersion.of(1, request, now);
        Report report = Report.first(UUID.randomUUID().toString(), obligation, version);
        ObligationFulfilled fulfilment = report.fulfilment(obligation);
        List<OutboxEvent> pending = List.of(
                reportEvent(report, version),
                events.compose(EventTypes.OBLIGATION_FULFILLED, Topics.OBLIGATIONS, report.unitCode(),
                        obligation.id(), fulfilment.version(), fulfilment.fulfilledAt(), fulfilment));
        try {
            mongo.insert(report.withOutbox(pending), COLLECTION);
        } catch (DuplicateKeyException raced) {
            return Optional.empty();
        }
        try {
            obligations.applyFulfilment(fulfilment);
        } catch (RuntimeException e) {
            log.warn("Obligation {} not updated yet (the outbox will): {}", obligation.id(), e.toString());
        }
        outbox.publish(COLLECTION, report.id());
        return Optional.of(new Accepted(report.id(), 1, report.late()));
    }

    /** Version n+1 of {@code current}; empty when another revision got there first. */
    private Optional<Accepted> appendVersion(Report current, SubmissionRequest request, Instant now) {
        ReportVersion version = ReportVersion.of(current.latestVersion() + 1, request, now);
        var result = mongo.updateFirst(
                query(where("_id").is(current.id()).and("latestVersion").is(current.latestVersion())),
                new Update().push("versions", version)
                        .push("outbox", reportEvent(current, version))
                        .set("latestVersion", version.version()),
                Report.class, COLLECTION);
        if (result.getModifiedCount() == 0) {
            return Optional.empty();
        }
        outbox.publish(COLLECTION, current.id());
        return Optional.of(new Accepted(current.id(), version.version(), current.late()));
    }

    private OutboxEvent reportEvent(Report report, ReportVersion version) {
        String type = version.version() == 1 ? EventTypes.REPORT_SUBMITTED : EventTypes.REPORT_REVISED;
        return events.compose(type, Topics.REPORTS, report.rollUpKey(), report.id(), version.version(),
                version.submittedAt(), report.event(version));
    }

    private Optional<Report> findFor(Obligation obligation) {
        return Optional.ofNullable(mongo.findOne(query(where("programme").is(obligation.programme())
                .and("period").is(obligation.period()).and("unitCode").is(obligation.unitCode())),
                Report.class, COLLECTION));
    }
}
