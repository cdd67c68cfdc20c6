package dev.cascade.contracts.events;

/** Progress of a plan task as reported by a unit. */
public enum TaskStatus {
    NOT_STARTED, IN_PROGRESS, DONE, DELAYED
}
