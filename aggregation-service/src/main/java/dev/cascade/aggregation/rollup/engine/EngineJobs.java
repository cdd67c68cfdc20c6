package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.schedule.PeriodicJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The roll-up engine's periodic work, run by the platform ({@link PeriodicJob}). */
@Configuration(proxyBeanMethods = false)
class EngineJobs {

    /** Roll-up events a stopped process left unsent, every {@code cascade.aggregation.outbox.sweep-interval}. */
    @Bean
    PeriodicJob rollUpOutboxSweep(Outbox outbox,
                                  @Value("${cascade.aggregation.outbox.sweep-initial-delay:PT10S}") Duration delay,
                                  @Value("${cascade.aggregation.outbox.sweep-interval:PT30S}") Duration interval) {
        return new PeriodicJob("roll-up-outbox-sweep", delay, interval, outbox::publishPending);
    }

    /** Parked inputs whose unit, plan or period is known by now, every {@code cascade.aggregation.parked.retry-interval}.
     */
    @Bean
    PeriodicJob parkedRetryJob(ParkedRetry retry,
                               @Value("${cascade.aggregation.parked.retry-interval:PT10S}") Duration interval) {
        return PeriodicJob.every("parked-retry", interval, retry::run);
    }
}
