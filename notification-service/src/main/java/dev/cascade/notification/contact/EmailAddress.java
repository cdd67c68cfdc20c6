package dev.cascade.notification.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plain e-mail address such as {@code vanthu@thanhha.example}: no display name, a dotted domain, at most 254
 * characters. Kept in lower case, so that the same mailbox written twice is one recipient.
 */
public record EmailAddress(String value) {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    public EmailAddress {
        if (!valid(value)) {
            throw new IllegalArgumentException("not a valid e-mail address: " + value);
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** The address, if {@code text} is one. */
    public static Optional<EmailAddress> parse(String text) {
        return valid(text) ? Optional.of(new EmailAddress(text)) : Optional.empty();
    }

    public static boolean valid(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return false;
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL_LENGTH || text.indexOf('@') != at) {
            return false;
        }
        String local = text.substring(0, at);
        String[] labels = text.substring(at + 1).split("\\.", -1);
        if (!LOCAL.matcher(local).matches() || labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return value;
    }
}
