package dev.cascade.platform.kafka;

import dev.cascade.contracts.MutableClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health component {@code broker} on a real broker that goes away and on one that was never there. */
class BrokerHealthTest {

    private final MutableClock clock = MutableClock.at("2024-12-07T09:00:00+07:00");
    private final BrokerProperties settings = new BrokerProperties();
    private BrokerHealth health;

    @AfterEach
    void close() {
        if (health != null) {
            health.close();
        }
    }

    private BrokerHealth watching(String bootstrapServers) {
        return new BrokerHealth(() -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200)), clock, settings);
    }

    @Test
    void aBrokerThatGoesAwayIsShownAsUnreachableAndAfterTheSetTimeAsDegraded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        health = watching(broker.getBrokersAsString());

        assertThat(health.health().getStatus()).as("before the first answer").isEqualTo(Status.UNKNOWN);
        Health answering = await().atMost(Duration.ofSeconds(10)).until(health::health,
                h -> h.getStatus().equals(Status.UP));
        assertThat(answering.getDetails()).containsEntry("nodes", 1).doesNotContainKey("unreachableSince");

        broker.destroy();
        clock.advance(Duration.ofSeconds(5));
        assertThat(health.health().getDetails()).as("asked again only after the check interval (15 s)")
                .containsEntry("nodes", 1);

        clock.advance(Duration.ofSeconds(10));
        Health justGone = await().atMost(Duration.ofSeconds(10)).until(health::health,
                h -> h.getDetails().containsKey("unreachableSince"));
        assertThat(justGone.getStatus()).as("not yet for a minute").isEqualTo(Status.UP);
        assertThat(justGone.getDetails()).containsEntry("unreachableSince", "2024-12-07T02:00:15Z")
                .containsKey("lastError");

        clock.advance(Duration.ofSeconds(45));
        assertThat(health.health().getStatus()).as("45 s without an answer").isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(15));
        Health gone = health.health();
        assertThat(gone.getStatus()).isEqualTo(ConsumerHealth.DEGRADED);
        assertThat(gone.getDetails()).containsEntry("unreachableSince", "2024-12-07T02:00:15Z");
        assertThat((String) gone.getDetails().get("lastError")).contains("Timeout");
    }

    @Test
    void aBrokerThatWasNeverThereIsDegradedOnceTheSetTimeHasPassed() {
        settings.setUnreachableAfter(Duration.ofSeconds(20));
        health = watching("127.0.0.1:1");

        await().atMost(Duration.ofSeconds(10)).until(health::health,
                h -> h.getDetails().containsKey("unreachableSince") && h.getStatus().equals(Status.UP));
        clock.advance(Duration.ofSeconds(20));
        Health gone = health.health();
        assertThat(gone.getStatus()).isEqualTo(ConsumerHealth.DEGRADED);
        assertThat(gone.getDetails()).containsEntry("unreachableSince", "2024-12-07T02:00:00Z");
    }
}
