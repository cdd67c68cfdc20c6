package dev.cascade.plan.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A required text of at most {@link #max()} characters and, when {@link #pattern()} is given, matching it once
 * trimmed; one message a value: "is required", "must be at most N characters" or {@link #patternMessage()}.
 */
@Constraint(validatedBy = Text.Check.class)
@Target({ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    int max();

    String pattern() default "";

    String patternMessage() default "";

    String message() default "is required";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a {@link Text}. */
    final class Check implements ConstraintValidator<Text, String> {

        private Text text;
        private Pattern pattern;

        @Override
        public void initialize(Text annotation) {
            text = annotation;
            pattern = annotation.pattern().isEmpty() ? null : Pattern.compile(annotation.pattern());
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return false;
            }
            String fault = value.length() > text.max() ? "must be at most " + text.max() + " characters"
                    : pattern != null && !pattern.matcher(value.trim()).matches() ? text.patternMessage() : null;
            if (fault != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(fault).addConstraintViolation();
            }
            return fault == null;
        }
    }
}
