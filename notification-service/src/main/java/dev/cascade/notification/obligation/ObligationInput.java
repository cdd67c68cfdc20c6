package dev.cascade.notification.obligation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.ObligationClosed;
import dev.cascade.contracts.events.ObligationFulfilled;
import dev.cascade.contracts.events.ObligationOpened;
import dev.cascade.contracts.events.ObligationReopened;
import dev.cascade.contracts.events.ObligationRescheduled;
import dev.cascade.platform.kafka.BatchRecords;
import dev.cascade.platform.kafka.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Input {@code obligationEvents-in-0}: {@code cascade.obligations.v1} into the tracked obligations, a poll's records
 * at a time ({@link ObligationTracker#applyAll}: one read, one bulk write). Other types on the topic are skipped,
 * malformed JSON is dead-lettered at once ({@link BatchRecords}); an event that fails otherwise is named to the
 * platform's error handling, which commits the records before it, retries it and dead-letters it alone.
 */
@Configuration(proxyBeanMethods = false)
class ObligationInput {

    /** The payload of each obligation event type this service reads. */
    private static final Map<String, Class<?>> PAYLOADS = Map.of(
            EventTypes.OBLIGATION_OPENED, ObligationOpened.class,
            EventTypes.OBLIGATION_FULFILLED, ObligationFulfilled.class,
            EventTypes.OBLIGATION_CLOSED, ObligationClosed.class,
            EventTypes.OBLIGATION_REOPENED, ObligationReopened.class,
            EventTypes.OBLIGATION_RESCHEDULED, ObligationRescheduled.class);

    @Bean
    ReminderPolicy reminderPolicy() {
        return ReminderPolicy.defaults();
    }

    @Bean
    Consumer<Message<List<byte[]>>> obligationEvents(BatchRecords records, CloudEventReader events,
                                                     ObligationTracker tracker) {
        return batch -> {
            List<ObligationTracker.Input> inputs = records.read(batch, Topics.OBLIGATIONS, PAYLOADS.keySet(),
                    record -> new ObligationTracker.Input(record.index(),
                            events.payload(record.payload(), PAYLOADS.get(record.type()))));
            try {
                tracker.applyAll(inputs);
            } catch (ObligationTracker.InputFailedException failed) {
                throw new BatchListenerFailedException(failed.getMessage(), failed.getCause(), failed.index());
            } catch (RuntimeException failed) {
                // the store or the broker: the batch is retried from its first record for as long as that lasts
                throw new BatchListenerFailedException("the batch of obligation events failed", failed, 0);
            }
        };
    }
}
