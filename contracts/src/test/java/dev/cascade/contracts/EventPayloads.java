package dev.cascade.contracts;

import dev.cascade.contracts.events.AggregateUpdated;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationOverdue;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.ReportReviewed;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.contracts.events.RollupContributed;
import dev.cascade.contracts.events.UnitUpserted;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test-side knowledge of the event types: every ce_type constant and the payload record it carries. */
final class EventPayloads {

    static final Map<String, Class<? extends Record>> RECORD_OF = Map.ofEntries(
            Map.entry(EventTypes.UNIT_UPSERTED, UnitUpserted.class),
            Map.entry(EventTypes.PLAN_ISSUED, PlanIssued.class),
            Map.entry(EventTypes.PLAN_AMENDED, PlanIssued.class),
            Map.entry(EventTypes.PLAN_REVOKED, PlanRevoked.class),
            Map.entry(EventTypes.OBLIGATION_OPENED, ObligationOpened.class),
            Map.entry(EventTypes.OBLIGATION_FULFILLED, ObligationFulfilled.class),
            Map.entry(EventTypes.OBLIGATION_OVERDUE, ObligationOverdue.class),
            Map.entry(EventTypes.OBLIGATION_CLOSED, ObligationClosed.class),
            Map.entry(EventTypes.OBLIGATION_REOPENED, ObligationReopened.class),
            Map.entry(EventTypes.OBLIGATION_RESCHEDULED, ObligationRescheduled.class),
            Map.entry(EventTypes.REPORT_SUBMITTED, ReportSubmitted.class),
            Map.entry(EventTypes.REPORT_REVISED, ReportSubmitted.class),
            Map.entry(EventTypes.REPORT_WITHDRAWN, ReportWithdrawn.class),
            Map.entry(EventTypes.REPORT_ACCEPTED, ReportReviewed.class),
            Map.entry(EventTypes.REPORT_RETURNED, ReportReviewed.class),
            Map.entry(EventTypes.ROLLUP_CONTRIBUTED, RollupContributed.class),
            Map.entry(EventTypes.AGGREGATE_UPDATED, AggregateUpdated.class),
            Map.entry(EventTypes.NOTIFICATION_SENT, NotificationSent.class));

    private EventPayloads() {
    }

    /** Values of every {@code public static final String} constant declared in {@link EventTypes}. */
    static List<String> declaredEventTypes() {
        return Arrays.stream(EventTypes.class.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())
                        && f.getType() == String.class)
                .map(EventPayloads::value)
                .sorted()
                .toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
