package dev.cascade.report.submission;

import dev.cascade.contracts.events.TaskProgress;
import org.bson.Document;

import java.util.List;

import static dev.cascade.platform.store.DocumentFields.date;
import static dev.cascade.platform.store.DocumentFields.decimal;
import static dev.cascade.platform.store.DocumentFields.list;
import static dev.cascade.platform.store.DocumentFields.putIfPresent;

/**
 * A report document as stored, written field by field: every submission writes one (version 1 whole, a revision its
 * new version), and in report-service's profile of the national burst Spring Data's mapping of it took 135 of the
 * 1,745 request samples, more than reading the obligation. The stored form is exactly the one Spring Data's mapping
 * gives it with this service's conversions (decimals as Decimal128, instants as dates, absent values left out, the
 * {@code _class} hint on the report): documents are still read by the mapping, and both writers' documents read the
 * same. {@code ReportBsonTest} holds the two writers to the same BSON.
 */
final class ReportBson {

    /** The type hint Spring Data writes on the report, kept so that documents written before and after are alike. */
    static final String TYPE_HINT = Report.class.getName();

    private ReportBson() {
    }

    static Document write(Report r) {
        Document out = new Document();
        putIfPresent(out, "_id", r.id());
        putIfPresent(out, "programme", r.programme());
        putIfPresent(out, "period", r.period());
        putIfPresent(out, "unitCode", r.unitCode());
        putIfPresent(out, "parentCode", r.parentCode());
        putIfPresent(out, "planId", r.planId());
        putIfPresent(out, "obligationId", r.obligationId());
        out.put("late", r.late());
        putIfPresent(out, "firstSubmittedAt", date(r.firstSubmittedAt()));
        out.put("latestVersion", r.latestVersion());
        out.put("versions", list(r.versions(), ReportBson::version));
        out.put("status", r.status().name());
        out.put("reviews", list(r.reviews(), ReportBson::review));
        out.put("withdrawals", list(r.withdrawals(), ReportBson::withdrawal));
        out.put("_class", TYPE_HINT);
        return out;
    }

    /** One version as stored inside its report (no type hint: it is of the declared type). */
    static Document version(ReportVersion v) {
        Document out = new Document();
        out.put("version", v.version());
        putIfPresent(out, "submittedBy", v.submittedBy());
        putIfPresent(out, "submittedAt", date(v.submittedAt()));
        out.put("values", list(v.values(), ReportBson::value));
        out.put("tasks", list(v.tasks(), ReportBson::task));
        out.put("narrative", list(v.narrative(), ReportBson::section));
        putIfPresent(out, "actingUnit", v.actingUnit());
        putIfPresent(out, "actingUser", v.actingUser());
        putIfPresent(out, "idempotencyKey", v.idempotencyKey());
        return out;
    }

    private static Document value(ReportedValue v) {
        Document out = new Document();
        putIfPresent(out, "indicator", v.indicator());
        putIfPresent(out, "value", decimal(v.value()));
        putIfPresent(out, "numerator", decimal(v.numerator()));
        putIfPresent(out, "denominator", decimal(v.denominator()));
        return out;
    }

    private static Document task(TaskProgress t) {
        Document out = new Document();
        putIfPresent(out, "task", t.task());
        putIfPresent(out, "status", t.status() == null ? null : t.status().name());
        putIfPresent(out, "text", t.text());
        return out;
    }

    private static Document section(NarrativeSection n) {
        Document out = new Document();
        putIfPresent(out, "section", n.section());
        putIfPresent(out, "text", n.text());
        return out;
    }

    private static Document review(Review r) {
        Document out = new Document();
        out.put("version", r.version());
        putIfPresent(out, "decision", r.decision() == null ? null : r.decision().name());
        putIfPresent(out, "reviewerUnitCode", r.reviewerUnitCode());
        putIfPresent(out, "reviewedBy", r.reviewedBy());
        putIfPresent(out, "reviewedAt", date(r.reviewedAt()));
        putIfPresent(out, "reason", r.reason());
        return out;
    }

    private static Document withdrawal(Withdrawal w) {
        Document out = new Document();
        out.put("version", w.version());
        putIfPresent(out, "withdrawnBy", w.withdrawnBy());
        putIfPresent(out, "actingUnit", w.actingUnit());
        putIfPresent(out, "withdrawnAt", date(w.withdrawnAt()));
        putIfPresent(out, "reason", w.reason());
        return out;
    }
}
