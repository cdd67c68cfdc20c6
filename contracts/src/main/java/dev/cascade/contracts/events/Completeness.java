package dev.cascade.contracts.events;

/** Reporters expected beneath a unit (frozen when the period opened), and how many reported, on time or late. */
public record Completeness(int expected, int received, int onTime, int late) {

    public static final Completeness NONE = new Completeness(0, 0, 0, 0);

    public Completeness plus(Completeness other) {
        return new Completeness(expected + other.expected, received + other.received, onTime + other.onTime,
                late + other.late);
    }
}
