package dev.cascade.notification.inbox;

import dev.cascade.notification.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link InboxFeed#poll()} every {@code cascade.notifications.inbox-poll-interval}. */
@Configuration(proxyBeanMethods = false)
class InboxPollSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(InboxPollSchedule.class);

    private final InboxFeed feed;
    private final NotificationSettings settings;

    InboxPollSchedule(InboxFeed feed, NotificationSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::poll, settings.inboxPollInterval(),
                settings.inboxPollInterval()));
    }

    private void poll() {
        try {
            feed.poll();
        } catch (RuntimeException e) {
            log.warn("inbox feed poll failed: {}", e.toString());
        }
    }
}
