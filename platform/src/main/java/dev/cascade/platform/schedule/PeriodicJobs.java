package dev.cascade.platform.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules every {@link PeriodicJob} bean of the service, the one way a service runs periodic work. */
public class PeriodicJobs implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    private final ObjectProvider<PeriodicJob> jobs;
    private final MeterRegistry meters;

    public PeriodicJobs(ObjectProvider<PeriodicJob> jobs, MeterRegistry meters) {
        this.jobs = jobs;
        this.meters = meters;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        jobs.orderedStream().forEach(job -> {
            Counter failures = Counter.builder("cascade.job.failures").tag("job", job.name())
                    .description("Runs of a periodic job that failed; it runs again at its next tick")
                    .register(meters);
            registrar.addFixedDelayTask(new FixedDelayTask(() -> run(job, failures), job.interval(),
                    job.initialDelay()));
        });
    }

    private static void run(PeriodicJob job, Counter failures) {
        try {
            job.task().run();
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Job {} failed; it runs again in {}: {}", job.name(), job.interval(), e.toString());
        }
    }
}
