package dev.cascade.platform.web;

/**
 * What is wrong with one part of a request, as listed in a problem document's {@code errors}: the field by its JSON
 * path ({@code values.GDNN_INTAKE_RATE.numerator}, {@code emails[1]}), a parameter or a header by its name.
 */
public record FieldProblem(String field, String message) {
}
