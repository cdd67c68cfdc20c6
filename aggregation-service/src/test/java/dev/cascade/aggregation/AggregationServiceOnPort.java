package dev.cascade.aggregation;

import dev.cascade.platform.test.EmbeddedStore;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The service on a real port, as its HTTP clients meet it ({@link AuthorizationMatrixIT}, {@link BadInputCatalogueIT}):
 * its own configuration, an embedded KRaft broker with the topics it reads and writes, the embedded MongoDB-wire
 * server, retries at most 500 ms apart and the outbox's first sweep an hour away. Each test names its database (and
 * anything else of its own) with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=aggregation-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "cascade.aggregation.retry.initial-interval-ms=100",
        "cascade.aggregation.retry.max-interval-ms=500",
        "cascade.aggregation.outbox.sweep-initial-delay=PT1H"})
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1", "cascade.reports.v1",
        "cascade.rollup.v1", "cascade.aggregates.v1"})
@EmbeddedStore
public @interface AggregationServiceOnPort {
}
