package dev.cascade.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.apache.kafka.common.serialization.Serializer;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumer faults, once for every service: bounded retries and dead letters for every binding
 * ({@link ConsumerErrorHandling}), what the consumers go through ({@link ConsumerFaultMonitor}), the health
 * component {@code consumers} ({@link ConsumerHealth}) and the health component {@code broker}, whether the broker
 * answers ({@link BrokerHealth}), and input bindings started in an order ({@link BindingStartOrder}). Settings:
 * {@code cascade.consumer.*}, {@code cascade.broker.*}.
 */
@AutoConfiguration
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
@EnableConfigurationProperties({ConsumerProperties.class, BrokerProperties.class})
public class ConsumerFaults {

    @Bean
    ConsumerFaultMonitor cascadeConsumerFaultMonitor(MeterRegistry meters, ConsumerProperties settings) {
        // elapsed real time, whatever business clock the service runs on
        return new ConsumerFaultMonitor(meters, Clock.systemUTC(), settings.getStuckAfter());
    }

    @Bean(destroyMethod = "close")
    DeadLetterTopics cascadeDeadLetterTopics(Environment environment, ConsumerProperties settings) {
        return new DeadLetterTopics(() -> Admin.create(BinderClientSettings.common(environment)), Clock.systemUTC(),
                settings.getDeadLetterCheckInterval());
    }

    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<Object, Object> cascadeDeadLetterProducerFactory(Environment environment) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(String.class, new StringSerializer());
        byType.put(byte[].class, new ByteArraySerializer());
        Map<String, Object> settings = BinderClientSettings.producer(environment);
        settings.remove("key.serializer");
        settings.remove("value.serializer");
        return new DefaultKafkaProducerFactory<>(settings, new DelegatingByTypeSerializer(byType),
                new DelegatingByTypeSerializer(byType));
    }

    @Bean
    ConsumerErrorHandling cascadeConsumerErrorHandling(DefaultKafkaProducerFactory<Object, Object> producers,
                                                       ConsumerFaultMonitor monitor, DeadLetterTopics deadLetters,
                                                       ConsumerProperties settings) {
        return new ConsumerErrorHandling(new KafkaTemplate<>(producers), monitor, deadLetters, settings);
    }

    @Bean
    DeadLetterSender cascadeDeadLetterSender(DefaultKafkaProducerFactory<Object, Object> producers) {
        return new DeadLetterSender(new KafkaTemplate<>(producers));
    }

    @Bean
    BatchRecords cascadeBatchRecords(DeadLetterSender deadLetters) {
        return new BatchRecords(deadLetters);
    }

    @Bean
    @ConditionalOnMissingBean
    CloudEventReader cascadeCloudEventReader(JsonMapper json) {
        return new CloudEventReader(json);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    BrokerHealth brokerHealthIndicator(Environment environment, BrokerProperties settings) {
        return new BrokerHealth(() -> Admin.create(BinderClientSettings.common(environment)), Clock.systemUTC(),
                settings);
    }

    @Bean(destroyMethod = "close")
    BindingStartOrder cascadeBindingStartOrder(ConsumerProperties settings,
                                               ObjectProvider<BindingsLifecycleController> bindings,
                                               ObjectProvider<BindingServiceProperties> bindingProperties,
                                               Environment environment, MeterRegistry meters) {
        return new BindingStartOrder(settings.getStartAfter(), settings.getStartAfterAtMost(),
                bindings.getIfAvailable(), bindingProperties.getIfAvailable(),
                () -> Admin.create(BinderClientSettings.common(environment)), Clock.systemUTC(), meters);
    }

    @Bean
    ConsumerHealth consumersHealthIndicator(ConsumerFaultMonitor monitor, DeadLetterTopics deadLetters) {
        return new ConsumerHealth(monitor, deadLetters);
    }
}
