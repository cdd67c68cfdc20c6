package dev.cascade.portal.api;

/** Progress on one task of the plan, as reported: the task's number, a status and a text. */
public record TaskProgress(String task, String status, String text) {
}
