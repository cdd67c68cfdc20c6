package dev.cascade.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import dev.cascade.platform.tracing.TraceParents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Publishing events, once for every service: the {@link EventProducer}, the {@link OutboxEvents} composer and, for a
 * service that declares {@link OutboxCollection} beans, the {@link OutboxRelay} with its health component
 * {@code outbox}. Settings: {@code cascade.outbox.*}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnClass(MongoTemplate.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class EventPublishing {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    EventProducer cascadeEventProducer(Environment environment, MeterRegistry meters) {
        return new EventProducer(environment, meters);
    }

    @Bean
    OutboxEvents cascadeOutboxEvents(JsonMapper json, ObjectProvider<TraceParents> traces) {
        return new OutboxEvents(json, traces.getIfAvailable(TraceParents::none));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(OutboxCollection.class)
    OutboxRelay cascadeOutboxRelay(MongoTemplate mongo, EventProducer producer, Clock clock,
                                   List<OutboxCollection> collections, ObjectProvider<OutboxEffect> effects,
                                   OutboxProperties settings, MeterRegistry meters) {
        return new OutboxRelay(mongo, producer, clock, collections, effects, settings, meters);
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxHealth outboxHealthIndicator(OutboxRelay relay, OutboxProperties settings) {
        return new OutboxHealth(relay, settings.getUnhealthyAfter());
    }
}
