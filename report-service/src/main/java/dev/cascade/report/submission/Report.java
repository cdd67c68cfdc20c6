package dev.cascade.report.submission;

import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ReportReviewed;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.report.obligation.Obligation;

import java.time.Instant;
import java.util.List;

/**
 * A unit's report for (programme, period) with every version it has had. Stored as one document together with the
 * events of its changes that the broker has not acknowledged yet (see {@link ReportStore}): a submission is one
 * write.
 *
 * @param parentCode the unit its figures roll up into (the unit's parent on the period's cut-off end)
 * @param late       whether the first version arrived after the obligation's deadline
 */
public record Report(String id, String programme, String period, String unitCode, String parentCode, String planId,
                     String obligationId, boolean late, Instant firstSubmittedAt, int latestVersion,
                     List<ReportVersion> versions,
                     ReportStatus status, List<Review> reviews, List<Withdrawal> withdrawals) {

    public Report {
        versions = versions == null ? List.of() : List.copyOf(versions);
        status = status == null ? ReportStatus.SUBMITTED : status;
        reviews = reviews == null ? List.of() : List.copyOf(reviews);
        withdrawals = withdrawals == null ? List.of() : List.copyOf(withdrawals);
    }

    /** The first version of a unit's report for the obligation. */
    static Report first(String id, Obligation obligation, ReportVersion first) {
        return new Report(id, obligation.programme(), obligation.period(), obligation.unitCode(),
                obligation.parentCode(), obligation.planId(), obligation.id(), obligation.lateAt(first.submittedAt()),
                first.submittedAt(), first.version(), List.of(first), ReportStatus.SUBMITTED, List.of(),
                List.of());
    }

    /** The latest submitted version (a withdrawal is not a submitted version). */
    public ReportVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public java.util.Optional<ReportVersion> version(int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    /** The version that carried this idempotency key, if any. */
    public java.util.Optional<ReportVersion> versionWithKey(String idempotencyKey) {
        return versions.stream().filter(v -> idempotencyKey.equals(v.idempotencyKey())).findFirst();
    }

    /** The key of this report's events on {@code cascade.reports.v1}: the unit its figures roll up into. */
    public String rollUpKey() {
        return parentCode != null ? parentCode : unitCode;
    }

    /** The event announcing {@code version} (ce_type submitted for version 1, revised after). */
    public ReportSubmitted event(ReportVersion version) {
        return new ReportSubmitted(id, version.version(), planId, programme, period, unitCode, parentCode,
                version.submittedBy(), version.submittedAt(), late, version.valuesByIndicator(), version.tasks(),
                version.narrativeBySection());
    }

    /** The event announcing a withdrawal (its version is the next after the last submitted one). */
    public ReportWithdrawn event(Withdrawal withdrawal) {
        return new ReportWithdrawn(id, withdrawal.version(), planId, programme, period, unitCode, rollUpKey(),
                withdrawal.withdrawnBy(), withdrawal.withdrawnAt(), withdrawal.reason());
    }

    /** The event announcing the parent's review of one version. */
    public ReportReviewed event(Review review) {
        return new ReportReviewed(id, review.version(), programme, period, unitCode, rollUpKey(),
                review.reviewerUnitCode(), review.reviewedBy(), review.reviewedAt(), review.reason());
    }

    /** What the first version does to its obligation (whose version it follows). */
    ObligationFulfilled fulfilment(Obligation obligation) {
        return new ObligationFulfilled(obligation.id(), programme, period, unitCode, id,
                obligation.fulfilmentAt(firstSubmittedAt), firstSubmittedAt, obligation.version() + 1);
    }
}
