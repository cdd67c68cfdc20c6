package dev.cascade.notification.delivery;

import dev.cascade.notification.contact.Channel;

/** A way of delivering a notification (e-mail now; webhooks and the in-app inbox later). */
public interface NotificationChannel {

    Channel channel();

    /** Delivers or throws; must give up within the claim lease (see {@code cascade.notifications.claim-lease}). */
    void send(Delivery delivery);
}
