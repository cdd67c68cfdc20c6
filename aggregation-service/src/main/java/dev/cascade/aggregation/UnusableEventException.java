package dev.cascade.aggregation;

/** An event that can never be applied, however often it is retried: it goes straight to the dead-letter topic. */
public class UnusableEventException extends RuntimeException {

    public UnusableEventException(String message) {
        super(message);
    }
}
