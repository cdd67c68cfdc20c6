package dev.cascade.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code cascade.outbox.*}: how the {@link OutboxRelay} sends the events that documents carry. */
@ConfigurationProperties("cascade.outbox")
public class OutboxProperties {

    /** How long a publisher holds a document while its events are sent; a crashed holder's lease runs out after it. */
    private Duration lease = Duration.ofSeconds(30);

    /** How often the sweeper looks for what a failed send left behind. */
    private Duration sweepInterval = Duration.ofSeconds(5);

    /**
     * How often (and at start) the sweeper looks at every document with pending events, for what another instance
     * left when it died.
     */
    private Duration fullSweepInterval = Duration.ofSeconds(60);

    /** Relay threads: documents whose events are sent at once. */
    private int publishers = 8;

    /**
     * Documents a relay thread takes at a time from those waiting: their events are sent together and the documents
     * released in one bulk write. A lone document goes out alone, at once.
     */
    private int batchSize = 64;

    /** Documents that may wait for a relay thread; beyond, a document is left to the sweeper (nothing is lost). */
    private int queueCapacity = 100_000;

    /** At shutdown, how long the documents already handed over may take to go out. */
    private Duration drainTimeout = Duration.ofSeconds(10);

    /** Sends failing for longer than this make health component {@code outbox} DEGRADED. */
    private Duration unhealthyAfter = Duration.ofSeconds(30);

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    public Duration getFullSweepInterval() {
        return fullSweepInterval;
    }

    public void setFullSweepInterval(Duration fullSweepInterval) {
        this.fullSweepInterval = fullSweepInterval;
    }

    public int getPublishers() {
        return publishers;
    }

    public void setPublishers(int publishers) {
        this.publishers = publishers;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public Duration getDrainTimeout() {
        return drainTimeout;
    }

    public void setDrainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    public Duration getUnhealthyAfter() {
        return unhealthyAfter;
    }

    public void setUnhealthyAfter(Duration unhealthyAfter) {
        this.unhealthyAfter = unhealthyAfter;
    }
}
