package dev.cascade.report.web;

/** What is wrong with one field of a request, e.g. {@code values.GDNN_INTAKE_RATE.numerator}. */
public record FieldProblem(String field, String message) {
}
