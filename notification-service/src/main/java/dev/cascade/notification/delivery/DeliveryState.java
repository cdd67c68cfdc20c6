package dev.cascade.notification.delivery;

/** Where one delivery (one notification to one recipient) stands. */
public enum DeliveryState {
    /** claimed by one dispatcher, which is sending it now */
    SENDING,
    /** handed over to the channel (accepted by the SMTP server) */
    SENT,
    /** the last attempt failed; a later dispatch tries again (from {@code nextAttemptAt}) while the reminder is live */
    FAILED,
    /** every attempt the channel allows failed: given up, the failure recorded in {@code lastError} */
    GAVE_UP
}
