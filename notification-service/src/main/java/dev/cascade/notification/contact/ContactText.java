package dev.cascade.notification.contact;

import dev.cascade.platform.web.ShapeCheck;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Predicate;

/** An e-mail address, a webhook URL or an inbox user as requested; the message quotes the text at fault. */
@Target({ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ContactText.Check.class)
@interface ContactText {

    Kind value();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What the text must be, and what is said when it is not. */
    enum Kind {
        EMAIL("not a valid e-mail address", text -> EmailAddress.valid(text == null ? null : text.strip())),
        WEBHOOK_URL("must be an absolute http or https URL", Kind::absoluteHttp),
        INBOX_USER("must be 1 to 64 letters, digits, '.', '_', '@' or '-'", InboxUsers::valid);

        private final String fault;
        private final Predicate<String> valid;

        Kind(String fault, Predicate<String> valid) {
            this.fault = fault;
            this.valid = valid;
        }

        private static boolean absoluteHttp(String url) {
            if (url == null || url.length() > 2000) {
                return false;
            }
            try {
                URI uri = new URI(url);
                return uri.isAbsolute() && uri.getHost() != null
                        && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }

    /** Checks a {@link ContactText}; a null text is checked too. */
    final class Check implements ConstraintValidator<ContactText, String> {

        private Kind kind;

        @Override
        public void initialize(ContactText annotation) {
            kind = annotation.value();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (kind.valid.test(text)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(kind.fault + ": '" + ShapeCheck.literal(text) + "'")
                    .addConstraintViolation();
            return false;
        }
    }
}
