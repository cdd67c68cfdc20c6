package dev.cascade.notification.contact;

/** How a notification reaches people: e-mail, a signed webhook call, or an item in a user's in-app inbox. */
public enum Channel {
    EMAIL,
    WEBHOOK,
    INBOX
}
