package dev.cascade.notification.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cascade.notifications.inbox.*}: how many inbox streams ({@code GET /inbox/{user}/stream}) one instance keeps
 * open; one more is refused with 429.
 *
 * @param maxStreamsPerUser open streams of one user on this instance
 * @param maxStreams        open streams of all users on this instance
 */
@ConfigurationProperties("cascade.notifications.inbox")
public record InboxLimits(@DefaultValue("5") int maxStreamsPerUser, @DefaultValue("1000") int maxStreams) {
}
