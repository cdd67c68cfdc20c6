package dev.cascade.notification.obligation;

/** Where one scheduled reminder stands. */
public enum ReminderState {
    /** not sent yet */
    PENDING,
    /** delivered to every recipient */
    SENT,
    /** its window passed before it could be sent (a later reminder fell due, or it got more than a day old) */
    EXPIRED,
    /** the report arrived first */
    CANCELLED
}
