package dev.cascade.notification.delivery;

/**
 * A delivery this service refuses to make (a webhook whose host is, or now resolves to, an address it may not
 * call): never sent, recorded at once as GAVE_UP with the reason, counted in {@code cascade.notifications.refused}.
 */
public class DeliveryRefused extends RuntimeException {

    private final String reason;

    /**
     * @param reason a short tag for the metric (the address class: {@code loopback}, {@code private}, ...)
     */
    public DeliveryRefused(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
