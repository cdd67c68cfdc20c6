package dev.cascade.plan.validation;

import dev.cascade.platform.web.ShapeCheck;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A required text that reads, once trimmed, as a {@link #value()}: a date {@code yyyy-MM-dd} ({@link LocalDate}) or
 * the name of a constant of an enum; otherwise "is required" or a message quoting the text.
 */
@Target({ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Reads.Check.class)
public @interface Reads {

    /** {@link LocalDate} or an enum. */
    Class<?> value();

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a {@link Reads}. */
    final class Check implements ConstraintValidator<Reads, String> {

        private Class<?> type;

        @Override
        public void initialize(Reads annotation) {
            type = annotation.value();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null || text.isBlank()) {
                return false;
            }
            if (readable(text.trim())) {
                return true;
            }
            String expected = type.isEnum() ? "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name()).collect(Collectors.joining(", "))
                    : "a date yyyy-MM-dd";
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be " + expected + ", not " + ShapeCheck.literal(text))
                    .addConstraintViolation();
            return false;
        }

        private boolean readable(String text) {
            if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(text));
            }
            try {
                LocalDate.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
