package dev.cascade.notification.inbox;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import dev.cascade.notification.contact.Channel;
import dev.cascade.notification.delivery.Delivery;
import dev.cascade.notification.delivery.NotificationChannel;
import dev.cascade.notification.delivery.NotificationSentPublisher;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** The in-app inbox: the notification becomes an unread item of the user, pushed to the user's open streams. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class InboxChannel implements NotificationChannel {

    private final Inbox inbox;
    private final InboxFeed feed;
    private final Clock clock;

    @Override
    public Channel channel() {
        return Channel.INBOX;
    }

    @Override
    public void send(Delivery delivery) {
        InboxItem item = new InboxItem(delivery.id(), delivery.recipient(), delivery.kind(), delivery.unitCode(),
                NotificationSentPublisher.DIGEST.equals(delivery.kind()) ? null : delivery.obligationId(),
                delivery.obligationUnitCode(), delivery.programme(), delivery.period(), delivery.subject(),
                delivery.body(), delivery.link(), clock.instant(), null);
        if (inbox.add(item)) {
            feed.push(item.user(), InboxController.ItemView.of(item));
        }
    }
}
