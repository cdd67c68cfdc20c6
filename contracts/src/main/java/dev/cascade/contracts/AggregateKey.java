package dev.cascade.contracts;

import java.util.Objects;

/** The key of {@link Topics#AGGREGATES}: {@code programme|period|unit}. */
public record AggregateKey(String programme, String period, String unitCode) {

    private static final String SEPARATOR = "|";

    public AggregateKey {
        Objects.requireNonNull(programme, "programme");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(unitCode, "unitCode");
    }

    public static AggregateKey parse(String key) {
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
}
