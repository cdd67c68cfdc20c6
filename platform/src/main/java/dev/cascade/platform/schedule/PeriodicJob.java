package dev.cascade.platform.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * A job a service runs every {@code interval} (fixed delay, after {@code initialDelay}), declared as a bean and run by
 * {@link PeriodicJobs}: a failure is logged with the job's own interval, counted in
 * {@code cascade_job_failures_total{job}}, and the job runs again at its next tick.
 *
 * @param name a short name for logs and metrics, e.g. {@code reminder-dispatch}
 */
public record PeriodicJob(String name, Duration initialDelay, Duration interval, Runnable task) {

    public PeriodicJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval of job " + name + " must be positive: " + interval);
        }
        initialDelay = initialDelay == null ? interval : initialDelay;
    }

    /** A job that first runs one {@code interval} after start. */
    public static PeriodicJob every(String name, Duration interval, Runnable task) {
        return new PeriodicJob(name, interval, interval, task);
    }
}
