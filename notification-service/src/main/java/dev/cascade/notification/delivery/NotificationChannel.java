package dev.cascade.notification.delivery;

import dev.cascade.notification.contact.Channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A way of delivering a notification: e-mail, webhook or the in-app inbox. */
public interface NotificationChannel {

    Channel channel();

    /** Delivers or throws; must give up within the claim lease (see {@code cascade.notifications.claim-lease}). */
    void send(Delivery delivery);

    /**
     * Delivers several, each on its own: returns the failure of each delivery that was not delivered, by delivery id
     * (empty: all delivered). By default one {@link #send} after the other; a channel with a cheaper way (e-mail: one
     * SMTP session for all) overrides it. Must give up within the claim lease as a whole.
     */
    default Map<String, RuntimeException> sendAll(List<Delivery> deliveries) {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            try {
                send(delivery);
            } catch (RuntimeException e) {
                failures.put(delivery.id(), e);
            }
        }
        return failures;
    }

    /**
     * How long to wait before trying again after the {@code attempts}-th failed attempt; empty when the delivery is
     * given up. By default: at the next dispatch, for as long as the notification is current.
     */
    default Optional<Duration> retryAfter(int attempts) {
        return Optional.of(Duration.ZERO);
    }
}
