package dev.cascade.plan.messaging;

import java.time.Instant;

/**
 * An event to publish: its payload record and CloudEvents attributes. The same logical event keeps its {@code id}
 * when it is sent again, so consumers can recognise the duplicate.
 *
 * @param topic   destination, one of {@link dev.cascade.contracts.Topics}
 * @param type    one of {@link dev.cascade.contracts.EventTypes}
 * @param key     Kafka record key
 * @param subject CloudEvents subject (the entity)
 * @param time    when the fact happened
 */
public record OutgoingEvent(String topic, String type, String id, String key, String subject, Instant time,
                            Object payload) {
}
