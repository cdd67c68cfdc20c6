package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link ReminderDispatcher#dispatchDue()} every {@code cascade.notifications.dispatch-interval}. */
@Configuration(proxyBeanMethods = false)
class DispatchSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DispatchSchedule.class);

    private final ReminderDispatcher dispatcher;
    private final NotificationSettings settings;

    DispatchSchedule(ReminderDispatcher dispatcher, NotificationSettings settings) {
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::dispatch, settings.dispatchInterval(),
                settings.dispatchInterval()));
    }

    private void dispatch() {
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            log.warn("reminder dispatch failed, tried again in {}: {}", settings.dispatchInterval(), e.toString());
        }
    }
}
