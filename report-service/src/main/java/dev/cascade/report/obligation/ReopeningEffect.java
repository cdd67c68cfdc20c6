package dev.cascade.report.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ReportWithdrawn;
import dev.cascade.platform.outbox.OutboxEffect;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * A {@code ReportWithdrawn} waiting in a report's outbox: the obligation its report fulfilled is reopened before the
 * event goes out (and by the withdrawal itself, right after its write), so a crash between the report's write and
 * the obligation's update is mended by the outbox sweeper. Applying it again changes nothing
 * ({@link ObligationOutcomes#reopen}).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ReopeningEffect implements OutboxEffect {

    private final ObligationOutcomes outcomes;
    private final OutboxEvents events;

    @Override
    public String eventType() {
        return EventTypes.REPORT_WITHDRAWN;
    }

    @Override
    public void apply(OutboxEvent event) {
        outcomes.reopen(events.payloadOf(event, ReportWithdrawn.class));
    }
}
