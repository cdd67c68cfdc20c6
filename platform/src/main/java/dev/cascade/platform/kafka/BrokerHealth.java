package dev.cascade.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code /actuator/health} component {@code broker}: whether this service reaches the Kafka broker, which every
 * service needs to do its job (to publish, to consume, or both). {@code DEGRADED} (HTTP 200: a service that takes
 * writes still takes them, their events wait in its store) when the broker has not answered for longer than
 * {@code cascade.broker.unreachable-after}; details: the broker's nodes when it answers, else since when it has not
 * answered and the last error. Before this component a service that only publishes (plan-service) showed UP with the
 * broker gone until it had something to send.
 * <p>
 * The broker is asked ({@code describeCluster}, answered by any node within 3 s) at most every
 * {@code cascade.broker.check-interval}, without holding the health request: a request gets the last answer
 * ({@code UNKNOWN} before the first).
 */
public class BrokerHealth implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerHealth.class);
    private static final int ANSWER_WITHIN_MS = 3000;

    private final Supplier<Admin> adminFactory;
    private final Clock clock;
    private final BrokerProperties settings;
    private Admin admin;
    private boolean asking;
    private Instant askedAt;
    private Instant answeredAt;
    private int nodes;
    private Instant unreachableSince;
    private String lastError;

    public BrokerHealth(Supplier<Admin> adminFactory, Clock clock, BrokerProperties settings) {
        this.adminFactory = adminFactory;
        this.clock = clock;
        this.settings = settings;
    }

    /** Asks the broker once at the start, so that the first health request has an answer. */
    public synchronized void start() {
        if (askedAt == null) {
            ask(clock.instant());
        }
    }

    /** The last answer; asks the broker again, without waiting for it, when that answer is older than the interval. */
    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (!asking && (askedAt == null || !now.isBefore(askedAt.plus(settings.getCheckInterval())))) {
            ask(now);
        }
        if (unreachableSince != null) {
            boolean away = !now.isBefore(unreachableSince.plus(settings.getUnreachableAfter()));
            return (away ? Health.status(ConsumerHealth.DEGRADED) : Health.up())
                    .withDetail("unreachableSince", unreachableSince.toString())
                    .withDetail("lastError", lastError)
                    .build();
        }
        if (answeredAt == null) {
            return Health.unknown().withDetail("askedAt", askedAt.toString()).build();
        }
        return Health.up().withDetail("nodes", nodes).withDetail("answeredAt", answeredAt.toString()).build();
    }

    private void ask(Instant now) {
        asking = true;
        askedAt = now;
        try {
            if (admin == null) {
                admin = adminFactory.get();
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ANSWER_WITHIN_MS)).nodes()
                    .whenComplete((answer, error) -> answered(now, answer == null ? 0 : answer.size(), error));
        } catch (RuntimeException e) {
            answered(now, 0, e);
        }
    }

    private synchronized void answered(Instant asked, int nodeCount, Throwable error) {
        asking = false;
        if (error == null) {
            if (unreachableSince != null) {
                log.info("the broker answers again ({} node(s)); it did not from {}", nodeCount, unreachableSince);
            }
            answeredAt = asked;
            nodes = nodeCount;
            unreachableSince = null;
            lastError = null;
            return;
        }
        lastError = Failures.describe(error);
        if (unreachableSince == null) {
            unreachableSince = asked;
            log.warn("the broker does not answer: {}", lastError);
        }
    }

    @Override
    public void close() {
        Admin open;
        synchronized (this) { // not closed under the lock: an answer arriving meanwhile takes it
            open = admin;
            admin = null;
        }
        if (open != null) {
            open.close(Duration.ofSeconds(2));
        }
    }
}
