package dev.cascade.contracts;

import dev.cascade.contracts.events.AggregateUpdated;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.RollupContributed;
import dev.cascade.contracts.events.UnitUpserted;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test-side knowledge of the event types: every ce_type constant and the payload record it carries. */
final class EventPayloads {

    static final Map<String, Class<? extends Record>> RECORD_OF = Map.of(
            EventTypes.UNIT_UPSERTED, UnitUpserted.class,
            EventTypes.PLAN_ISSUED, PlanIssued.class,
            EventTypes.OBLIGATION_OPENED, ObligationOpened.class,
            EventTypes.OBLIGATION_FULFILLED, ObligationFulfilled.class,
            EventTypes.REPORT_SUBMITTED, ReportSubmitted.class,
            EventTypes.REPORT_REVISED, ReportSubmitted.class,
            EventTypes.ROLLUP_CONTRIBUTED, RollupContributed.class,
            EventTypes.AGGREGATE_UPDATED, AggregateUpdated.class,
            EventTypes.NOTIFICATION_SENT, NotificationSent.class);

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
