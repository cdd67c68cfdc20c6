package dev.cascade.aggregation.rollup.engine;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.contracts.events.RollupContributed;

/**
 * One input of a roll-up as read from its topic: a report version, a withdrawal or a child's roll-up, with what is
 * needed to dead-letter or park it (its type, key and raw payload).
 *
 * @param event a {@link ReportSubmitted}, {@link ReportWithdrawn} or {@link RollupContributed}
 * @param index       its position in the batch of records it was delivered in, or -1 (a parked input applied later)
 * @param traceparent the record's W3C trace context, continued by the roll-up it changes; {@code null} if none
 */
public record InboundContribution(String type, String topic, String key, byte[] payload, Object event, int index,
                                  String traceparent) {

    /** A stable id of this input: the same report version or roll-up seq always gets the same id. */
    String id() {
        if (event instanceof ReportSubmitted r) {
            return "REPORT|" + r.programme() + "|" + r.period() + "|" + r.unitCode() + "|" + r.reportVersion();
        }
        if (event instanceof ReportWithdrawn w) {
            return "REPORT|" + w.programme() + "|" + w.period() + "|" + w.unitCode() + "|" + w.reportVersion();
        }
        if (event instanceof RollupContributed c) {
            return "ROLLUP|" + c.programme() + "|" + c.period() + "|" + c.unitCode() + "|" + c.seq();
        }
        throw new IllegalArgumentException("not a roll-up input: " + event);
    }

    /** The unit whose report this input is (a report version or a withdrawal); null for a child's roll-up. */
    String reportingUnit() {
        if (event instanceof ReportSubmitted r) {
            return r.unitCode();
        }
        return event instanceof ReportWithdrawn w ? w.unitCode() : null;
    }

    /**
     * The programme and period of a parked input, read from its {@link #id()} ({@code KIND|programme|period|…})
     * without its payload.
     */
    static String[] programmePeriodOf(String id) {
        String[] parts = id.split("\\|", 4);
        return parts.length < 4 ? null : new String[] {parts[1], parts[2]};
    }

    public static Class<?> payloadClass(String type) {
        return switch (type) {
            case EventTypes.REPORT_SUBMITTED, EventTypes.REPORT_REVISED -> ReportSubmitted.class;
            case EventTypes.REPORT_WITHDRAWN -> ReportWithdrawn.class;
            case EventTypes.ROLLUP_CONTRIBUTED -> RollupContributed.class;
            default -> throw new IllegalArgumentException("not a roll-up input type: " + type);
        };
    }
}
