package dev.cascade.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cascade.consumer.*}: how every consumer binding retries and when health calls it stuck. A binding's own
 * {@code max-attempts} and {@code back-off-*} settings take precedence over {@code retry.max-attempts} and the
 * back-off here.
 */
@ConfigurationProperties("cascade.consumer")
public class ConsumerProperties {

    /** A partition whose record has failed for this long makes readiness OUT_OF_SERVICE. */
    private Duration stuckAfter = Duration.ofSeconds(60);

    /** How often the dead-letter topics' sizes are read for health. */
    private Duration deadLetterCheckInterval = Duration.ofSeconds(30);

    /**
     * This instance's stable name (e.g. {@code report-service-1}, a StatefulSet pod name): when set, each binding's
     * consumer joins its group as a static member ({@code group.instance.id = <instance-id>-<topic>}), so a restarted
     * instance stopped cleanly gets its partitions back without a rebalance (after a kill -9 the broker releases the
     * name when the dead member's session expires). Two running instances must never share it. Unset: dynamic members,
     * and a killed instance's partitions move only when the broker expires its session.
     */
    private String instanceId;

    private final Retry retry = new Retry();

    /**
     * Input bindings that start only once others have read what their topics held at start-up, by binding name, e.g.
     * {@code reports-in-0: units-in-0, plans-in-0} ({@link BindingStartOrder}); each one named must have
     * {@code spring.cloud.stream.bindings.<name>.consumer.auto-startup: false}.
     */
    private Map<String, List<String>> startAfter = new LinkedHashMap<>();

    /** How long a binding of {@link #startAfter} waits at most; then it starts anyway, with a warning. */
    private Duration startAfterAtMost = Duration.ofMinutes(2);

    public Map<String, List<String>> getStartAfter() {
        return startAfter;
    }

    public void setStartAfter(Map<String, List<String>> startAfter) {
        this.startAfter = startAfter;
    }

    public Duration getStartAfterAtMost() {
        return startAfterAtMost;
    }

    public void setStartAfterAtMost(Duration startAfterAtMost) {
        this.startAfterAtMost = startAfterAtMost;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public Duration getStuckAfter() {
        return stuckAfter;
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    public Duration getDeadLetterCheckInterval() {
        return deadLetterCheckInterval;
    }

    public void setDeadLetterCheckInterval(Duration deadLetterCheckInterval) {
        this.deadLetterCheckInterval = deadLetterCheckInterval;
    }

    public Retry getRetry() {
        return retry;
    }

    public static class Retry {

        /** Deliveries of a failing record before it goes to the dead-letter topic (the first one included). */
        private int maxAttempts = 5;
        private Duration initialInterval = Duration.ofMillis(500);
        private double multiplier = 2.0;
        private Duration maxInterval = Duration.ofSeconds(10);
        /** How long a record that refers to something not known yet ({@link RetryLater}) is retried. */
        private Duration notYetKnownFor = Duration.ofMinutes(2);
        /** The longest wait between two attempts while the store or the broker is away (retried without end). */
        private Duration outageMaxInterval = Duration.ofSeconds(30);

        ExponentialBackOff boundedBackOff() {
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxAttempts - 1);
            backOff.setInitialInterval(initialInterval.toMillis());
            backOff.setMultiplier(multiplier);
            backOff.setMaxInterval(maxInterval.toMillis());
            return backOff;
        }

        ExponentialBackOff notYetKnownBackOff() {
            ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), multiplier);
            backOff.setMaxInterval(maxInterval.toMillis());
            backOff.setMaxElapsedTime(notYetKnownFor.toMillis());
            return backOff;
        }

        public Duration getNotYetKnownFor() {
            return notYetKnownFor;
        }

        public void setNotYetKnownFor(Duration notYetKnownFor) {
            this.notYetKnownFor = notYetKnownFor;
        }

        ExponentialBackOff outageBackOff() {
            ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), multiplier);
            backOff.setMaxInterval(outageMaxInterval.toMillis());
            return backOff;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialInterval() {
            return initialInterval;
        }

        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxInterval() {
            return maxInterval;
        }

        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        public Duration getOutageMaxInterval() {
            return outageMaxInterval;
        }

        public void setOutageMaxInterval(Duration outageMaxInterval) {
            this.outageMaxInterval = outageMaxInterval;
        }
    }
}
