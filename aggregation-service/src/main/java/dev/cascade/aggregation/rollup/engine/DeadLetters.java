package dev.cascade.aggregation.rollup.engine;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.platform.kafka.DeadLetterSender;
import org.springframework.stereotype.Component;

/**
 * Sends a roll-up input that can never apply to {@code <topic>.dlq} (batch mode leaves per-record dead-lettering to
 * the application) through platform's {@link DeadLetterSender#sendEvent}: same key, same payload bytes, its
 * CloudEvents type, and the reason in {@code x-exception-message}.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DeadLetters {

    private final DeadLetterSender sender;

    /** A roll-up input that can never apply: the record it came from, as it was consumed or parked. */
    void send(InboundContribution input, RuntimeException reason) {
        sender.sendEvent(input.topic(), input.key(), input.type(), input.payload(), null, reason);
    }
}
