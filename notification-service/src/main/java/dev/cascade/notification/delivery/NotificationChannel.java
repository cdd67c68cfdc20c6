package dev.cascade.notification.delivery;

import dev.cascade.notification.contact.Channel;

import java.time.Duration;
import java.util.Optional;

/** A way of delivering a notification: e-mail, webhook or the in-app inbox. */
public interface NotificationChannel {

    Channel channel();

    /** Delivers or throws; must give up within the claim lease (see {@code cascade.notifications.claim-lease}). */
    void send(Delivery delivery);

    /**
     * How long to wait before trying again after the {@code attempts}-th failed attempt; empty when the delivery is
     * given up. By default: at the next dispatch, for as long as the notification is current.
     */
    default Optional<Duration> retryAfter(int attempts) {
        return Optional.of(Duration.ZERO);
    }
}
