package dev.cascade.aggregation.rollup.engine;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A roll-up input that refers to a unit, plan or period not known yet, kept until it is (instead of blocking its
 * partition with retries). {@code _id} = the input's stable id, so a redelivered input is parked once.
 *
 * @param payload the event's JSON as received
 */
@Document(ParkedInput.COLLECTION)
public record ParkedInput(@Id String id, String type, String topic, String key, String payload, String reason,
                          Instant parkedAt) {

    public static final String COLLECTION = "parked_inputs";
}
