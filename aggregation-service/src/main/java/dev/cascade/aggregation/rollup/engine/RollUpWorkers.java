package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.concurrent.Workers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads on which the roll-ups of a batch, or of a page of parked inputs, change side by side
 * ({@code cascade.aggregation.batch.parallelism}): each roll-up is a document of its own under its own lock, so one
 * roll-up's store round trips and broker acks need not wait for another's.
 */
@Configuration(proxyBeanMethods = false)
class RollUpWorkers {

    @Bean
    Workers rollUpWorkerPool(@Value("${cascade.aggregation.batch.parallelism:8}") int parallelism) {
        return new Workers("rollup-worker-", parallelism);
    }
}
