package dev.cascade.aggregation.messaging;

import dev.cascade.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Set;

/**
 * The batch bindings ({@code reports-in-0}, {@code rollups-in-0}) handle poison and not-yet-known records one by one
 * themselves (dead-letter topic, parking). What is left is a failure of the store or the broker: the whole batch is
 * then delivered again with exponential backoff, without end and without skipping a record (re-applying a batch
 * changes nothing that was already applied).
 */
@Configuration(proxyBeanMethods = false)
class BatchErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(BatchErrorHandling.class);

    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> batchRetry(
            @Value("${cascade.aggregation.retry.initial-interval-ms}") long initial,
            @Value("${cascade.aggregation.retry.max-interval-ms}") long max,
            @Value("${cascade.aggregation.retry.multiplier}") double multiplier) {
        Set<String> batchTopics = Set.of(Topics.REPORTS, Topics.ROLLUP);
        return (container, destination, group) -> {
            if (batchTopics.contains(destination)) {
                ExponentialBackOff backOff = new ExponentialBackOff(initial, multiplier);
                backOff.setMaxInterval(max);
                DefaultErrorHandler handler = new DefaultErrorHandler(
                        (record, e) -> {
                            throw new IllegalStateException("a batch of " + destination + " is never skipped", e);
                        }, backOff);
                container.setCommonErrorHandler(handler);
                log.debug("batch binding on {}: retries the batch with backoff", destination);
            }
        };
    }
}
