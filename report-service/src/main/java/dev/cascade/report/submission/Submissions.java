package dev.cascade.report.submission;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.Obligations;
import dev.cascade.platform.outbox.OutboxRelay;
import dev.cascade.platform.outbox.OutboxCollection;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.report.programme.Programme;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
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
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int REVISION_ATTEMPTS = 5;
    private static final int MAX_KEY = 200;
    /** How long a claimed idempotency key without a written report counts as in progress. */
    private static final java.time.Duration IN_PROGRESS = java.time.Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final Programmes programmes;
    private final Units units;
    private final Obligations obligations;
    private final OutboxRelay outbox;
    private final OutboxEvents events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final IdempotencyKeys keys;
    private final JsonMapper json;

    public Submissions(MongoTemplate mongo, Programmes programmes, Units units, Obligations obligations,
                       OutboxRelay outbox, OutboxEvents events, Clock clock, MeterRegistry meters, IdempotencyKeys keys,
                       JsonMapper json) {
        this.keys = keys;
        this.json = json;
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
        // revisions and withdrawals are conditional on (_id, latestVersion): a unique index on exactly those fields
        // lets the embedded store answer them without a scan (redundant on a real MongoDB)
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("latestVersion", Sort.Direction.ASC).unique().named("id_latest_version"));
    }

    @Bean
    static OutboxCollection reportOutbox() {
        return new OutboxCollection(COLLECTION);
    }

    /** The answer to an accepted submission. */
    public record Accepted(String reportId, int version, boolean late) {
    }

    /**
     * What a submission did: {@code replayed} when an earlier request with the same {@code Idempotency-Key} and body
     * had already been accepted, whose answer this is (nothing new was stored).
     */
    public record Outcome(Accepted accepted, boolean replayed) {
    }

    /**
     * Accepts a report: the first version of the unit's report for the period, or the next version of it.
     *
     * @param actor          who submits; a declared unit must be the reporting unit
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     * @throws RequestRefused (4xx) when anything is wrong; nothing is stored or published then
     */
    public Outcome submit(SubmissionRequest request, Actor actor, String idempotencyKey) {
        try {
            Outcome outcome = idempotencyKey == null ? new Outcome(accept(request, actor, null), false)
                    : acceptOnce(request, actor, idempotencyKey);
            if (!outcome.replayed()) {
                Counter.builder("cascade.reports.accepted").description("Report versions accepted, first or revision")
                        .tags("kind", outcome.accepted().version() == 1 ? "first" : "revision",
                                "late", String.valueOf(outcome.accepted().late()))
                        .register(meters).increment();
            }
            return outcome;
        } catch (RequestRefused rejected) {
            Counter.builder("cascade.reports.rejected")
                    .description("Submissions refused by report-service's rules (404, 409, 422, a bad idempotency key),"
                            + " by status; malformed JSON is counted in http_server_requests")
                    .tag("status", String.valueOf(rejected.status())).register(meters).increment();
            throw rejected;
        }
    }

    private Accepted accept(SubmissionRequest request, Actor actor, String idempotencyKey) {
        Obligation obligation = check(request, actor);
        return firstOrNext(request, actor, idempotencyKey, obligation, now());
    }

    private Outcome acceptOnce(SubmissionRequest request, Actor actor, String key) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw RequestRefused.of(Reason.MALFORMED, "Bad idempotency key",
                    new FieldProblem(IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY + " characters"));
        }
        if (SubmissionRules.blank(request.unitCode())) {
            return new Outcome(accept(request, actor, key), false); // refused: the unit is required
        }
        String unit = request.unitCode();
        String fingerprint = fingerprint(request, actor);
        Optional<IdempotencyKeys.Claim> earlier = keys.find(unit, key);
        if (earlier.isPresent()) {
            Optional<Outcome> replay = replay(earlier.get(), request, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Obligation obligation = check(request, actor);
        Instant now = now();
        if (earlier.isEmpty() && !keys.claim(unit, key, fingerprint, now)) {
            Optional<Outcome> replay = replay(keys.find(unit, key).orElseThrow(), request, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Accepted accepted = firstOrNext(request, actor, key, obligation, now);
        keys.complete(unit, key, accepted);
        return new Outcome(accepted, false);
    }

    /**
     * The answer of the earlier request with this key; empty when that request never wrote its report and its claim
     * has been taken over by this one.
     */
    private Optional<Outcome> replay(IdempotencyKeys.Claim claim, SubmissionRequest request, String fingerprint) {
        if (!claim.fingerprint().equals(fingerprint)) {
            throw RequestRefused.of(Reason.UNPROCESSABLE, "Idempotency key reused",
                    new FieldProblem(IDEMPOTENCY_KEY, "key " + claim.key() + " was used by unit " + claim.unitCode()
                            + " for a different request; send a new key for a new report"));
        }
        if (claim.completed()) {
            return Optional.of(new Outcome(claim.result(), true));
        }
        Optional<Report> written = findFor(request.programme(), request.period(), request.unitCode());
        Optional<ReportVersion> version = written.flatMap(r -> r.versionWithKey(claim.key()));
        if (version.isPresent()) {
            Accepted accepted = new Accepted(written.get().id(), version.get().version(), written.get().late());
            keys.complete(claim.unitCode(), claim.key(), accepted);
            return Optional.of(new Outcome(accepted, true));
        }
        Instant now = now();
        if (claim.claimedAt().plus(IN_PROGRESS).isAfter(now) || !keys.takeOver(claim, now)) {
            throw RequestRefused.of(Reason.CONFLICT, "Request in progress",
                    new FieldProblem(IDEMPOTENCY_KEY, "a request with key " + claim.key() + " is being processed;"
                            + " try again later"));
        }
        return Optional.empty();
    }

    private String fingerprint(SubmissionRequest request, Actor actor) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(json.writeValueAsBytes(request));
            sha.update(("\n" + actor.unitCode()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Withdraws a report: it stops counting. The withdrawal takes the next version number and is published as
     * {@code cascade.report.withdrawn}; a later submission takes the number after it.
     */
    public Accepted withdraw(String reportId, WithdrawalRequest request, Actor actor) {
        Report current = find(reportId).orElseThrow(() -> notFound(reportId));
        if (!actor.mayActFor(current.unitCode())) {
            throw RequestRefused.of(Reason.FORBIDDEN, "Not your report",
                    new FieldProblem(Actor.UNIT_HEADER, "unit " + actor.unitCode() + " may not withdraw the report of"
                            + " unit " + current.unitCode()));
        }
        String by = request == null || SubmissionRules.blank(request.withdrawnBy()) ? actor.user()
                : request.withdrawnBy().strip();
        String reason = request == null || SubmissionRules.blank(request.reason()) ? null : request.reason().strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (by == null) {
            problems.add(new FieldProblem("withdrawnBy", "is required (or send " + Actor.USER_HEADER + ")"));
        }
        if ((by != null && by.length() > SubmissionRules.MAX_TEXT) || (reason != null && reason.length() > 2000)) {
            problems.add(new FieldProblem(by != null && by.length() > SubmissionRules.MAX_TEXT ? "withdrawnBy"
                    : "reason", "is too long"));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefused(Reason.UNPROCESSABLE, "Withdrawal refused",
                    problems.size() + " problem(s); see errors", problems);
        }
        for (int attempt = 0; attempt < REVISION_ATTEMPTS; attempt++) {
            if (current.status() == ReportStatus.WITHDRAWN) {
                throw RequestRefused.of(Reason.CONFLICT, "Already withdrawn",
                        new FieldProblem("status", "report " + reportId + " is already withdrawn"));
            }
            Withdrawal withdrawal = new Withdrawal(current.latestVersion() + 1, by, actor.unitCode(), now(), reason);
            OutboxEvent event = events.compose(EventTypes.REPORT_WITHDRAWN, Topics.REPORTS, current.rollUpKey(),
                    current.id(), withdrawal.version(), withdrawal.withdrawnAt(), current.event(withdrawal));
            var result = mongo.updateFirst(query(where("_id").is(current.id())
                            .and("latestVersion").is(current.latestVersion())),
                    new Update().push("withdrawals", withdrawal).push(OutboxRelay.EVENTS, event)
                            .set("latestVersion", withdrawal.version()).set("status", ReportStatus.WITHDRAWN),
                    Report.class, COLLECTION);
            if (result.getModifiedCount() > 0) {
                outbox.publishSoon(COLLECTION, current.id());
                return new Accepted(current.id(), withdrawal.version(), current.late());
            }
            current = find(reportId).orElseThrow();
        }
        throw RequestRefused.of(Reason.CONFLICT, "Concurrent changes",
                new FieldProblem("reportId", "report " + reportId + " is being changed by someone else; try again"));
    }

    static RequestRefused notFound(String reportId) {
        return RequestRefused.of(Reason.NOT_FOUND, "Report not found",
                new FieldProblem("id", "no report " + reportId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public Optional<Report> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, Report.class, COLLECTION));
    }

    private Obligation check(SubmissionRequest request, Actor actor) {
        List<FieldProblem> problems = new ArrayList<>(SubmissionRules.checkRequired(request));
        if (!SubmissionRules.blank(request.unitCode()) && !actor.mayActFor(request.unitCode().strip())) {
            throw RequestRefused.of(Reason.FORBIDDEN, "Reporting for another unit",
                    new FieldProblem("unitCode", "unit " + actor.unitCode() + " (" + Actor.UNIT_HEADER
                            + ") may not report for unit " + request.unitCode()));
        }
        Programme programme = null;
        if (!SubmissionRules.blank(request.programme())) {
            programme = programmes.findRecent(request.programme()).orElse(null);
            if (programme == null) {
                problems.add(new FieldProblem("programme", "unknown programme " + request.programme()));
            } else if (programme.revokedOn() != null) {
                throw RequestRefused.of(Reason.CONFLICT, "Plan revoked",
                        new FieldProblem("programme", "plan " + programme.planId() + " of programme "
                                + programme.code() + " was revoked on " + programme.revokedOn()
                                + "; it takes no more reports"));
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
        if (!SubmissionRules.blank(request.unitCode()) && !units.exists(request.unitCode())) {
            problems.add(new FieldProblem("unitCode", "unknown unit " + request.unitCode()));
        }
        if (programme != null) {
            problems.addAll(SubmissionRules.checkContent(request, programme));
        }
        if (!problems.isEmpty()) {
            throw new RequestRefused(Reason.UNPROCESSABLE, "Report refused",
                    problems.size() + " problem(s) in the report; see errors", problems);
        }
        String obligationId = Obligation.idOf(programme.code(), period.id(), request.unitCode());
        Optional<Obligation> obligation = obligations.find(obligationId);
        if (obligation.isEmpty() && !programme.opened(period.id())) {
            throw RequestRefused.of(Reason.CONFLICT, "Period not open",
                    new FieldProblem("period", "period " + period.id() + " of programme " + programme.code()
                            + " is not open for reporting (its cut-off window runs " + period.cutOffStart() + " to "
                            + period.cutOffEnd() + ")"));
        }
        if (obligation.isEmpty()) {
            throw RequestRefused.of(Reason.UNPROCESSABLE, "No obligation",
                    new FieldProblem("unitCode", "unit " + request.unitCode() + " owes no report for programme "
                            + programme.code() + " period " + period.id()));
        }
        return obligation.get();
    }

    private Accepted firstOrNext(SubmissionRequest request, Actor actor, String key, Obligation obligation,
                                 Instant now) {
        // most submissions are the first of their obligation: try that write straight away; the unique index on
        // (programme, period, unitCode) refuses it when a report exists, and the revision path takes over
        Optional<Accepted> first = insertFirst(request, actor, key, obligation, now);
        if (first.isPresent()) {
            return first.get();
        }
        for (int attempt = 0; attempt < REVISION_ATTEMPTS; attempt++) {
            Report current = findFor(obligation).orElseThrow();
            Optional<Accepted> next = appendVersion(current, request, actor, key, now);
            if (next.isPresent()) {
                return next.get();
            }
        }
        throw RequestRefused.of(Reason.CONFLICT, "Concurrent revisions",
                new FieldProblem("unitCode", "the report of unit " + obligation.unitCode()
                        + " is being revised by someone else; try again"));
    }

    /** Version 1; empty when another request wrote version 1 first. */
    private Optional<Accepted> insertFirst(SubmissionRequest request, Actor actor, String key, Obligation obligation,
                                           Instant now) {
        ReportVersion version = ReportVersion.of(1, request, now, actor, key);
        Report report = Report.first(UUID.randomUUID().toString(), obligation, version);
        ObligationFulfilled fulfilment = report.fulfilment(obligation);
        List<OutboxEvent> pending = List.of(
                reportEvent(report, version),
                events.compose(EventTypes.OBLIGATION_FULFILLED, Topics.OBLIGATIONS, report.unitCode(),
                        obligation.id(), fulfilment.version(), fulfilment.fulfilledAt(), fulfilment));
        // written already leased by this request, so publishing it needs no second write to take the lease
        Instant lease = outbox.newLease();
        try {
            mongo.insert(report.withOutbox(pending, lease), COLLECTION);
        } catch (DuplicateKeyException raced) {
            return Optional.empty();
        }
        // the obligation is fulfilled by the outbox, right before ObligationFulfilled is sent (FulfilmentEffect)
        outbox.publishLeasedSoon(COLLECTION, report.id(), lease, pending);
        return Optional.of(new Accepted(report.id(), 1, report.late()));
    }

    /** Version n+1 of {@code current}; empty when another revision got there first. */
    private Optional<Accepted> appendVersion(Report current, SubmissionRequest request, Actor actor, String key,
                                             Instant now) {
        ReportVersion version = ReportVersion.of(current.latestVersion() + 1, request, now, actor, key);
        var result = mongo.updateFirst(
                query(where("_id").is(current.id()).and("latestVersion").is(current.latestVersion())),
                new Update().push("versions", version)
                        .push("outbox", reportEvent(current, version))
                        .set("latestVersion", version.version())
                        .set("status", ReportStatus.SUBMITTED),
                Report.class, COLLECTION);
        if (result.getModifiedCount() == 0) {
            return Optional.empty();
        }
        outbox.publishSoon(COLLECTION, current.id());
        return Optional.of(new Accepted(current.id(), version.version(), current.late()));
    }

    private OutboxEvent reportEvent(Report report, ReportVersion version) {
        String type = version.version() == 1 ? EventTypes.REPORT_SUBMITTED : EventTypes.REPORT_REVISED;
        return events.compose(type, Topics.REPORTS, report.rollUpKey(), report.id(), version.version(),
                version.submittedAt(), report.event(version));
    }

    private Optional<Report> findFor(Obligation obligation) {
        return findFor(obligation.programme(), obligation.period(), obligation.unitCode());
    }

    private Optional<Report> findFor(String programme, String period, String unitCode) {
        return Optional.ofNullable(mongo.findOne(query(where("programme").is(programme)
                .and("period").is(period).and("unitCode").is(unitCode)), Report.class, COLLECTION));
    }
}
