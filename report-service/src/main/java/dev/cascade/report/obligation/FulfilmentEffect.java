package dev.cascade.report.obligation;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.platform.outbox.OutboxEffect;
import dev.cascade.platform.outbox.OutboxEvent;
import dev.cascade.platform.outbox.OutboxEvents;
import org.springframework.stereotype.Component;

/**
 * An {@code ObligationFulfilled} waiting in a report's outbox: its obligation is updated before the event goes
 * out, so a crash between the report's write and the obligation's update is mended by the outbox sweeper.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class FulfilmentEffect implements OutboxEffect {

    private final ObligationOutcomes outcomes;
    private final OutboxEvents events;

    @Override
    public String eventType() {
        return EventTypes.OBLIGATION_FULFILLED;
    }

    @Override
    public void apply(OutboxEvent event) {
        outcomes.applyFulfilment(events.payloadOf(event, ObligationFulfilled.class));
    }
}
