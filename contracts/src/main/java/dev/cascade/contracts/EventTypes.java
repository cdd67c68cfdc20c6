package dev.cascade.contracts;

import java.util.Map;

/** CloudEvents {@code type} values, and the topic each one travels on. */
public final class EventTypes {

    public static final String UNIT_UPSERTED = "cascade.unit.upserted";
    public static final String PLAN_ISSUED = "cascade.plan.issued";
    /** An issued plan changed: the whole plan again ({@code PlanIssued} payload), {@code version} 2, 3, … */
    public static final String PLAN_AMENDED = "cascade.plan.amended";
    /** An issued plan was revoked ({@code PlanRevoked}). */
    public static final String PLAN_REVOKED = "cascade.plan.revoked";
    public static final String OBLIGATION_OPENED = "cascade.obligation.opened";
    public static final String OBLIGATION_FULFILLED = "cascade.obligation.fulfilled";
    public static final String OBLIGATION_OVERDUE = "cascade.obligation.overdue";
    /** An owed obligation closed without a report: plan amended without the unit, or revoked ({@code ObligationClosed}). */
    public static final String OBLIGATION_CLOSED = "cascade.obligation.closed";
    /** A fulfilled obligation owed again: its report was withdrawn ({@code ObligationReopened}). */
    public static final String OBLIGATION_REOPENED = "cascade.obligation.reopened";
    /** An owed obligation's deadline moved by an amendment ({@code ObligationRescheduled}). */
    public static final String OBLIGATION_RESCHEDULED = "cascade.obligation.rescheduled";
    public static final String REPORT_SUBMITTED = "cascade.report.submitted";
    public static final String REPORT_REVISED = "cascade.report.revised";
    public static final String REPORT_WITHDRAWN = "cascade.report.withdrawn";
    public static final String REPORT_ACCEPTED = "cascade.report.accepted";
    public static final String REPORT_RETURNED = "cascade.report.returned";
    public static final String ROLLUP_CONTRIBUTED = "cascade.rollup.contributed";
    public static final String AGGREGATE_UPDATED = "cascade.aggregate.updated";
    public static final String NOTIFICATION_SENT = "cascade.notification.sent";

    /** Event type to the topic that carries it. */
    public static final Map<String, String> TOPIC_OF = Map.ofEntries(
            Map.entry(UNIT_UPSERTED, Topics.UNITS),
            Map.entry(PLAN_ISSUED, Topics.PLANS),
            Map.entry(PLAN_AMENDED, Topics.PLANS),
            Map.entry(PLAN_REVOKED, Topics.PLANS),
            Map.entry(OBLIGATION_OPENED, Topics.OBLIGATIONS),
            Map.entry(OBLIGATION_FULFILLED, Topics.OBLIGATIONS),
            Map.entry(OBLIGATION_OVERDUE, Topics.OBLIGATIONS),
            Map.entry(OBLIGATION_CLOSED, Topics.OBLIGATIONS),
            Map.entry(OBLIGATION_REOPENED, Topics.OBLIGATIONS),
            Map.entry(OBLIGATION_RESCHEDULED, Topics.OBLIGATIONS),
            Map.entry(REPORT_SUBMITTED, Topics.REPORTS),
            Map.entry(REPORT_REVISED, Topics.REPORTS),
            Map.entry(REPORT_WITHDRAWN, Topics.REPORTS),
            Map.entry(REPORT_ACCEPTED, Topics.REPORTS),
            Map.entry(REPORT_RETURNED, Topics.REPORTS),
            Map.entry(ROLLUP_CONTRIBUTED, Topics.ROLLUP),
            Map.entry(AGGREGATE_UPDATED, Topics.AGGREGATES),
            Map.entry(NOTIFICATION_SENT, Topics.NOTIFICATIONS));

    private EventTypes() {
    }
}
