package dev.cascade.contracts;

import java.util.Map;

/** CloudEvents {@code type} values, and the topic each one travels on. */
public final class EventTypes {

    public static final String UNIT_UPSERTED = "cascade.unit.upserted";
    public static final String PLAN_ISSUED = "cascade.plan.issued";
    public static final String OBLIGATION_OPENED = "cascade.obligation.opened";
    public static final String OBLIGATION_FULFILLED = "cascade.obligation.fulfilled";
    public static final String REPORT_SUBMITTED = "cascade.report.submitted";
    public static final String REPORT_REVISED = "cascade.report.revised";
    public static final String ROLLUP_CONTRIBUTED = "cascade.rollup.contributed";
    public static final String AGGREGATE_UPDATED = "cascade.aggregate.updated";
    public static final String NOTIFICATION_SENT = "cascade.notification.sent";

    /** Event type to the topic that carries it. */
    public static final Map<String, String> TOPIC_OF = Map.of(
            UNIT_UPSERTED, Topics.UNITS,
            PLAN_ISSUED, Topics.PLANS,
            OBLIGATION_OPENED, Topics.OBLIGATIONS,
            OBLIGATION_FULFILLED, Topics.OBLIGATIONS,
            REPORT_SUBMITTED, Topics.REPORTS,
            REPORT_REVISED, Topics.REPORTS,
            ROLLUP_CONTRIBUTED, Topics.ROLLUP,
            AGGREGATE_UPDATED, Topics.AGGREGATES,
            NOTIFICATION_SENT, Topics.NOTIFICATIONS);

    private EventTypes() {
    }
}
