package dev.cascade.notification.digest;

import dev.cascade.notification.NotificationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link DigestDispatcher#dispatchDue()} every {@code cascade.notifications.digest-interval}. */
@Configuration(proxyBeanMethods = false)
class DigestSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);

    private final DigestDispatcher digests;
    private final NotificationSettings settings;

    DigestSchedule(DigestDispatcher digests, NotificationSettings settings) {
        this.digests = digests;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::dispatch, settings.digestInterval(),
                settings.digestInterval()));
    }

    private void dispatch() {
        try {
            digests.dispatchDue();
        } catch (RuntimeException e) {
            log.warn("digest dispatch failed, tried again in {}: {}", settings.dispatchInterval(), e.toString());
        }
    }
}
