package dev.cascade.platform.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;

/**
 * Why a JSON body was refused, in words for the person who sent it: the field ({@link JsonFieldPath}) and what it
 * must be, never a Java type or a Jackson feature name.
 *
 * @param field   {@code values.GDNN_INTAKE_RATE.numerator}, {@code tasks[0].task} or {@code body}
 * @param message {@code must be a number}, {@code is given twice}, {@code malformed JSON at line 1, column 20}, …
 */
public record JsonRefusal(String field, String message) {

    public static JsonRefusal of(JacksonException e) {
        String field = JsonFieldPath.of(e);
        return new JsonRefusal(field, messageOf(e, field));
    }

    private static String messageOf(JacksonException e, String field) {
        String original = String.valueOf(e.getOriginalMessage());
        if (original.startsWith("Duplicate Object property")) {
            return "is given twice (each key once per object)";
        }
        if (original.startsWith("must be well-formed Unicode")) {
            return original;
        }
        if (original.startsWith("Unexpected end-of-input")) {
            return "the JSON document ends before it is complete";
        }
        if (original.startsWith("Trailing token")) {
            return "nothing may follow the JSON document";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch.getTargetType(), e instanceof InvalidFormatException);
        }
        if (e instanceof StreamReadException && e.getLocation() != null) {
            return "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
        }
        return JsonFieldPath.BODY.equals(field) ? "must be a JSON document of the expected shape"
                : "has the wrong type or format";
    }

    private static String expected(Class<?> target, boolean badFormat) {
        if (Number.class.isAssignableFrom(target) || target == BigDecimal.class
                || (target.isPrimitive() && target != boolean.class)) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return badFormat ? "must be an ISO-8601 date or time" : "must be a string holding an ISO-8601 date or time";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type or format";
    }
}
