package dev.cascade.notification.contact;

/**
 * The contacts of a unit were written ({@link ContactBook}): published to this instance's listeners once the write
 * is stored. Reminders held because the unit had no contacts are released on it.
 */
public record ContactsChanged(String unitCode) {
}
