package dev.cascade.notification.contact;

import java.util.regex.Pattern;

/** In-app user ids, as the inbox is addressed ({@code GET /inbox/{user}}): e.g. {@code nguyen.van.an}. */
public final class InboxUsers {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private InboxUsers() {
    }

    public static boolean valid(String user) {
        return user != null && PATTERN.matcher(user).matches();
    }
}
