package dev.cascade.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code cascade.broker.*}: how health watches the service's connection to the Kafka broker ({@link BrokerHealth}). */
@ConfigurationProperties("cascade.broker")
public class BrokerProperties {

    /** How often the broker is asked whether it answers, at most (health requests in between get the last answer). */
    private Duration checkInterval = Duration.ofSeconds(15);

    /** A broker that has not answered for this long makes health component {@code broker} DEGRADED. */
    private Duration unreachableAfter = Duration.ofSeconds(60);

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public Duration getUnreachableAfter() {
        return unreachableAfter;
    }

    public void setUnreachableAfter(Duration unreachableAfter) {
        this.unreachableAfter = unreachableAfter;
    }
}
