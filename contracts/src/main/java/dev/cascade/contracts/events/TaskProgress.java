package dev.cascade.contracts.events;

/** A unit's progress on one numbered task of the plan. */
public record TaskProgress(String task, TaskStatus status, String text) {
}
