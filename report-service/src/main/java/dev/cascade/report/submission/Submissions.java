package dev.cascade.report.submission;

import lombok.RequiredArgsConstructor;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.ObligationOutcomes;
import dev.cascade.report.obligation.Obligations;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.outbox.OutboxEvents;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts reports, once per {@code Idempotency-Key}. A submission is checked completely before anything is written
 * ({@link SubmissionCheck}); then it is one write of one report document (the new version together with the events
 * announcing it). The events are sent right after, and by the outbox sweeper if that fails.
 */
@Component
@RequiredArgsConstructor
public class Submissions {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(Submissions.class);
    private static final int REVISION_ATTEMPTS = 5;
    private static final int MAX_KEY = 200;
    /** How long a claimed idempotency key without a written report counts as in progress. */
    private static final Duration IN_PROGRESS = Duration.ofSeconds(30);

    private final ReportStore reports;
    private final SubmissionCheck check;
    private final OutboxEvents events;
    private final Clock clock;
    private final MeterRegistry meters;
    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Obligations obligations;
    private final ObligationOutcomes outcomes;

    /** The answer to an accepted submission. */
    public record Accepted(String reportId, int version, boolean late) {
    }

    /**
     * What a submission did: {@code replayed} when an earlier request with the same {@code Idempotency-Key} and body
     * had already been accepted, whose answer this is (nothing new was stored).
     */
    public record Outcome(Accepted accepted, boolean replayed, Long versionBefore) {

        Outcome(Accepted accepted, boolean replayed) {
            this(accepted, replayed, null);
        }

        Outcome(Written written) {
            this(written.accepted(), false, written.versionBefore());
        }
    }

    /** A version written: the answer, and the report's latest version before it ({@code null} for the first). */
    record Written(Accepted accepted, Long versionBefore) {
    }

    /**
     * Accepts a report: the first version of the unit's report for the period, or the next version of it.
     *
     * @param caller         who submits, from the token: a REPORTER of the reporting unit (checked first, before
     *                       an idempotent replay is looked up, so another caller never sees the first one's answer)
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     * @throws RequestRefused (4xx) when anything is wrong; nothing is stored or published then
     */
    public Outcome submit(SubmissionRequest request, Caller caller, String idempotencyKey) {
        try {
            Grant grant = check.authorize(request, caller);
            if (grant == null) {
                check.obligationOf(request); // refuses it: no unit named, or a unit not known
                grant = check.authorize(request, caller); // the unit arrived in between: judge the caller now
            }
            Outcome outcome = idempotencyKey == null ? new Outcome(accept(request, caller, null))
                    : acceptOnce(request, caller, idempotencyKey);
            if (!outcome.replayed()) {
                Accepted accepted = outcome.accepted();
                audit.record(grant, AuditedChange.of(accepted.version() == 1 ? "report.submitted" : "report.revised",
                        "report", accepted.reportId(), request.unitCode().strip(), outcome.versionBefore(),
                        (long) accepted.version()));
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

    private Written accept(SubmissionRequest request, Caller caller, String idempotencyKey) {
        Obligation obligation = check.obligationOf(request);
        return firstOrNext(request, caller, idempotencyKey, obligation, now());
    }

    private Outcome acceptOnce(SubmissionRequest request, Caller caller, String key) {
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw RequestRefused.of(Reason.MALFORMED, "Bad idempotency key",
                    new FieldProblem(IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY + " characters"));
        }
        if (SubmissionRules.blank(request.unitCode())) {
            return new Outcome(accept(request, caller, key)); // refused: the unit is required
        }
        String unit = request.unitCode();
        String fingerprint = fingerprint(request, caller);
        Obligation obligation;
        try {
            obligation = check.obligationOf(request);
        } catch (RequestRefused refused) {
            // an earlier request with this key may have been accepted before its obligation changed (closed, its plan
            // revoked): its answer stands; and a key used for another request is refused as such
            Optional<IdempotencyKeys.Claim> earlier = keys.find(unit, key);
            if (earlier.isPresent()) {
                Optional<Outcome> replay = replay(earlier.get(), request, fingerprint);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            throw refused;
        }
        // a new key is the usual case: claim it straight away, and look at the earlier claim only when there is one
        // (one read less per submission)
        Instant now = now();
        if (!keys.claim(unit, key, fingerprint, now)) {
            Optional<Outcome> replay = replay(keys.find(unit, key).orElseThrow(), request, fingerprint);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        // the claim is completed by the first replay, which finds the version by its key: one write less per report
        return new Outcome(firstOrNext(request, caller, key, obligation, now));
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
        Optional<Report> written = reports.findFor(request.programme(), request.period(), request.unitCode());
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

    /** The request and who sent it (subject and unit): the same key from another person is another request. */
    private String fingerprint(SubmissionRequest request, Caller caller) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(json.writeValueAsBytes(request));
            sha.update(("\n" + caller.unitCode() + "\n" + caller.subject()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Written firstOrNext(SubmissionRequest request, Caller caller, String key, Obligation obligation,
                                Instant now) {
        // most submissions are the first of their obligation: try that write straight away; the unique index on
        // (programme, period, unitCode) refuses it when a report exists, and the revision path takes over
        Optional<Accepted> first = insertFirst(request, caller, key, obligation, now);
        if (first.isPresent()) {
            return new Written(first.get(), null);
        }
        for (int attempt = 0; attempt < REVISION_ATTEMPTS; attempt++) {
            Report current = findFor(obligation).orElseThrow();
            Optional<Accepted> next = appendVersion(current, request, caller, key, now);
            if (next.isPresent()) {
                return new Written(next.get(), (long) current.latestVersion());
            }
        }
        throw RequestRefused.of(Reason.CONFLICT, "Concurrent revisions",
                new FieldProblem("unitCode", "the report of unit " + obligation.unitCode()
                        + " is being revised by someone else; try again"));
    }

    /** Version 1; empty when another request wrote version 1 first. */
    private Optional<Accepted> insertFirst(SubmissionRequest request, Caller caller, String key,
                                           Obligation obligation, Instant now) {
        ReportVersion version = ReportVersion.of(1, request, now, caller, key);
        Report report = Report.first(UUID.randomUUID().toString(), obligation, version);
        ObligationFulfilled fulfilment = report.fulfilment(obligation);
        List<OutboxEvent> pending = List.of(
                reportEvent(report, version),
                events.compose(EventTypes.OBLIGATION_FULFILLED, Topics.OBLIGATIONS, report.unitCode(),
                        obligation.id(), fulfilment.version(), fulfilment.fulfilledAt(), fulfilment));
        // the obligation is fulfilled by the outbox, right before ObligationFulfilled is sent (FulfilmentEffect)
        return reports.insertFirst(report, pending) ? Optional.of(new Accepted(report.id(), 1, report.late()))
                : Optional.empty();
    }

    /**
     * Version n+1 of {@code current}; empty when another revision got there first. After a withdrawal it fulfils the
     * reopened obligation again: its {@code ObligationFulfilled} (the version after the reopening) travels with the
     * report's event, applied before it is sent ({@code FulfilmentEffect}) and here right after the write.
     */
    private Optional<Accepted> appendVersion(Report current, SubmissionRequest request, Caller caller, String key,
                                             Instant now) {
        ReportVersion version = ReportVersion.of(current.latestVersion() + 1, request, now, caller, key);
        List<OutboxEvent> pending = new ArrayList<>(List.of(reportEvent(current, version)));
        ObligationFulfilled fulfilment = current.status() == ReportStatus.WITHDRAWN
                ? fulfilmentAfterWithdrawal(current, now) : null;
        if (fulfilment != null) {
            pending.add(events.compose(EventTypes.OBLIGATION_FULFILLED, Topics.OBLIGATIONS, current.unitCode(),
                    fulfilment.obligationId(), fulfilment.version(), fulfilment.fulfilledAt(), fulfilment));
        }
        boolean appended = reports.changeWithEvents(current, null,
                new Update().push("versions", ReportBson.version(version)).set("latestVersion", version.version())
                        .set("status", ReportStatus.SUBMITTED), pending);
        if (appended && fulfilment != null) {
            try {
                outcomes.applyFulfilment(fulfilment);
            } catch (RuntimeException e) {
                log.warn("The obligation of report {} was not fulfilled yet; the outbox relay fulfils it before "
                        + "sending: {}", current.id(), e.toString());
            }
        }
        return appended ? Optional.of(new Accepted(current.id(), version.version(), current.late()))
                : Optional.empty();
    }

    /**
     * What a submission after a withdrawal does to the obligation: it is owed again (reopened by the withdrawal, made
     * sure of here in case that has not been applied yet), and this report fulfils it with the next version, late if
     * it arrives after the deadline day. {@code null} when the obligation is not owed (nothing to fulfil).
     */
    private ObligationFulfilled fulfilmentAfterWithdrawal(Report withdrawn, Instant now) {
        if (!withdrawn.withdrawals().isEmpty()) {
            outcomes.reopen(withdrawn.event(withdrawn.withdrawals().get(withdrawn.withdrawals().size() - 1)));
        }
        return obligations.find(withdrawn.obligationId()).filter(o -> o.status().owed())
                .map(o -> new ObligationFulfilled(o.id(), o.programme(), o.period(), o.unitCode(), withdrawn.id(),
                        o.fulfilmentAt(now), now, o.version() + 1))
                .orElse(null);
    }

    private OutboxEvent reportEvent(Report report, ReportVersion version) {
        String type = version.version() == 1 ? EventTypes.REPORT_SUBMITTED : EventTypes.REPORT_REVISED;
        return events.compose(type, Topics.REPORTS, report.rollUpKey(), report.id(), version.version(),
                version.submittedAt(), report.event(version));
    }

    private Optional<Report> findFor(Obligation obligation) {
        return reports.findFor(obligation.programme(), obligation.period(), obligation.unitCode());
    }
}
