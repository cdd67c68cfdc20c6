package dev.cascade.contracts;

import java.util.Objects;

/**
 * The key of {@link Topics#AGGREGATES}: {@code programme|period|unit}, e.g. {@code HD-GDNN-ANNUAL|2024|30}.
 * No part may be blank or contain the separator, so that every key parses back to the parts it was made of.
 */
public record AggregateKey(String programme, String period, String unitCode) {

    private static final String SEPARATOR = "|";

    public AggregateKey {
        requirePart(programme, "programme");
        requirePart(period, "period");
        requirePart(unitCode, "unitCode");
    }

    public static AggregateKey parse(String key) {
        Objects.requireNonNull(key, "key");
        String[] parts = key.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("aggregate key must be programme|period|unit: " + key);
        }
        return new AggregateKey(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return programme + SEPARATOR + period + SEPARATOR + unitCode;
    }

    private static void requirePart(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("aggregate key " + name + " is blank");
        }
        if (value.contains(SEPARATOR)) {
            throw new IllegalArgumentException("aggregate key " + name + " contains '" + SEPARATOR + "': " + value);
        }
    }
}
