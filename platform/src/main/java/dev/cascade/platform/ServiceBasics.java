package dev.cascade.platform;

import dev.cascade.contracts.CascadeTime;
import dev.cascade.platform.schedule.PeriodicJob;
import dev.cascade.platform.schedule.PeriodicJobs;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * What every service has: the business {@link Clock} ({@code cascade.clock}: {@code system}, or an instant for demos
 * and tests, anchored by {@code cascade.clock-anchor}, see {@link CascadeTime#clock(String, String)}) unless a test
 * supplies its own, and its periodic jobs ({@link PeriodicJob} beans, run by {@link PeriodicJobs}).
 */
@AutoConfiguration
@EnableScheduling
public class ServiceBasics {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${cascade.clock:system}") String setting, @Value("${cascade.clock-anchor:}") String anchor) {
        return CascadeTime.clock(setting, anchor);
    }

    @Bean
    PeriodicJobs cascadePeriodicJobs(ObjectProvider<PeriodicJob> jobs, MeterRegistry meters) {
        return new PeriodicJobs(jobs, meters);
    }
}
