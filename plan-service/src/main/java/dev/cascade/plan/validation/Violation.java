package dev.cascade.plan.validation;

import dev.cascade.plan.validation.Violation;
/** What is wrong with one field of a request, e.g. {@code targets[0].indicator}: unknown indicator. */
public record Violation(String field, String message) {
}
