package dev.cascade.notification.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.platform.kafka.CloudEventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Input {@code obligationEvents-in-0}: {@code cascade.obligations.v1} into the tracked obligations. */
@Configuration(proxyBeanMethods = false)
class ObligationInput {

    private static final Logger log = LoggerFactory.getLogger(ObligationInput.class);

    @Bean
    ReminderPolicy reminderPolicy() {
        return ReminderPolicy.defaults();
    }

    @Bean
    Consumer<Message<byte[]>> obligationEvents(CloudEventReader events, ObligationTracker tracker) {
        return message -> {
            String type = events.type(message);
            if (EventTypes.OBLIGATION_OPENED.equals(type)) {
                tracker.opened(events.payload(message, ObligationOpened.class));
            } else if (EventTypes.OBLIGATION_FULFILLED.equals(type)) {
                tracker.fulfilled(events.payload(message, ObligationFulfilled.class));
            } else if (EventTypes.OBLIGATION_CLOSED.equals(type)) {
                tracker.closed(events.payload(message, ObligationClosed.class));
            } else if (EventTypes.OBLIGATION_REOPENED.equals(type)) {
                tracker.reopened(events.payload(message, ObligationReopened.class));
            } else if (EventTypes.OBLIGATION_RESCHEDULED.equals(type)) {
                tracker.rescheduled(events.payload(message, ObligationRescheduled.class));
            } else {
                log.debug("ignoring {} on the obligations topic", type);
            }
        };
    }
}
