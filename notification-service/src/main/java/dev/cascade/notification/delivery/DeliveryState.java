package dev.cascade.notification.delivery;

/** Where one delivery (one notification to one recipient) stands. */
public enum DeliveryState {
    /** claimed by one dispatcher, which is sending it now */
    SENDING,
    /** handed over to the channel (accepted by the SMTP server) */
    SENT,
    /** the last attempt failed; the next dispatch tries again while the reminder is live */
    FAILED
}
