package dev.cascade.notification;

import dev.cascade.notification.delivery.ReminderDispatcher;
import dev.cascade.notification.digest.DigestDispatcher;
import dev.cascade.notification.inbox.InboxFeed;
import dev.cascade.platform.schedule.PeriodicJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** notification-service's periodic work, run by the platform ({@link PeriodicJob}). */
@Configuration(proxyBeanMethods = false)
class NotificationJobs {

    /** Reminders that have fallen due, every {@code cascade.notifications.dispatch-interval}. */
    @Bean
    PeriodicJob reminderDispatch(ReminderDispatcher dispatcher, NotificationSettings settings) {
        return PeriodicJob.every("reminder-dispatch", settings.dispatchInterval(), dispatcher::dispatchDue);
    }

    /** Daily digests that have fallen due, every {@code cascade.notifications.digest-interval}. */
    @Bean
    PeriodicJob digestDispatch(DigestDispatcher digests, NotificationSettings settings) {
        return PeriodicJob.every("digest-dispatch", settings.digestInterval(), digests::dispatchDue);
    }

    /** Inbox items other instances delivered, for open inbox streams, every {@code inbox-poll-interval}. */
    @Bean
    PeriodicJob inboxPoll(InboxFeed feed, NotificationSettings settings) {
        return PeriodicJob.every("inbox-poll", settings.inboxPollInterval(), feed::poll);
    }
}
