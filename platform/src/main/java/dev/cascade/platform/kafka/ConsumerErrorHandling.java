package dev.cascade.platform.kafka;

import dev.cascade.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.BiFunction;

/**
 * The one way every consumer binding of every service handles a record it cannot process, single or batch:
 * Spring Kafka's {@link DefaultErrorHandler} with a {@link DeadLetterPublishingRecoverer}, in place of the binder's
 * own retry loop.
 *
 * <ul>
 *   <li>A record that fails is retried with the binding's back-off ({@code max-attempts},
 *       {@code back-off-initial-interval}, {@code back-off-multiplier}, {@code back-off-max-interval}; without them
 *       {@code cascade.consumer.retry.*}), then sent, alone, to {@code <topic>.dlq} with the reason in headers, and the
 *       partition goes on with the next record.</li>
 *   <li>Exceptions the binding lists as not retryable ({@code retryable-exceptions: X: false}) and malformed JSON go
 *       to the dead-letter topic at the first failure.</li>
 *   <li>A failure of the store or the broker ({@link Failures#isInfrastructure}) is retried for as long as it lasts,
 *       with back-off up to {@code cascade.consumer.retry.outage-max-interval}: the record is good, its surroundings
 *       are not. Health shows such a partition as stuck once it has failed for {@code cascade.consumer.stuck-after}.</li>
 *   <li>A batch listener names the failing record by throwing
 *       {@link org.springframework.kafka.listener.BatchListenerFailedException} with its index: the records before it
 *       are committed, it is retried and dead-lettered alone, and the records after it are delivered again.</li>
 * </ul>
 * Every failure, dead letter and success is reported to the {@link ConsumerFaultMonitor}.
 */
public class ConsumerErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ConsumerErrorHandling.class);

    /** The reason a record was dead-lettered, beside Spring Kafka's {@code kafka_dlt-*} headers. */
    public static final String REASON_HEADER = "x-exception-message";

    private final KafkaOperations<Object, Object> deadLetterProducer;
    private final ConsumerFaultMonitor monitor;
    private final DeadLetterTopics deadLetters;
    private final ConsumerProperties settings;

    public ConsumerErrorHandling(KafkaOperations<Object, Object> deadLetterProducer, ConsumerFaultMonitor monitor,
                                 DeadLetterTopics deadLetters, ConsumerProperties settings) {
        this.deadLetterProducer = deadLetterProducer;
        this.monitor = monitor;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff) {
        configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        deadLetters.watch(destinationName);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterProducer,
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setAppendOriginalHeaders(false);
        recoverer.addHeadersFunction((record, error) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(REASON_HEADER, Failures.describe(error).getBytes(StandardCharsets.UTF_8))}));

        BackOff bounded = backOff != null ? backOff : settings.getRetry().boundedBackOff();
        ExponentialBackOff outage = settings.getRetry().outageBackOff();
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, bounded);
        ExponentialBackOff notYetKnown = settings.getRetry().notYetKnownBackOff();
        handler.setBackOffFunction((record, error) -> Failures.isInfrastructure(error) ? outage
                : Failures.isRetryLater(error) ? notYetKnown : bounded);
        handler.addNotRetryableExceptions(JacksonException.class);
        if (properties != null) {
            properties.getRetryableExceptions().forEach((type, retryable) -> {
                if (!retryable && Exception.class.isAssignableFrom(type)) {
                    handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
                }
            });
        }
        handler.setRetryListeners(new Reporting());
        container.setCommonErrorHandler(handler);
        if (settings.getInstanceId() != null && !settings.getInstanceId().isBlank()) {
            // static membership: an instance restarted after a clean stop takes its partitions back without a
            // rebalance; after a kill -9, once the broker has expired the dead member's session
            container.getContainerProperties().getKafkaConsumerProperties().setProperty(
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.getInstanceId() + "-" + destinationName);
        }
        watchProgress(container);
        log.debug("{} ({}): bounded retries, then {}; outages retried", destinationName, group,
                Topics.deadLetter(destinationName));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void watchProgress(AbstractMessageListenerContainer container) {
        container.setRecordInterceptor(new RecordInterceptor<Object, Object>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                            Consumer<Object, Object> consumer) {
                return record;
            }

            @Override
            public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                monitor.progressed(record.topic(), record.partition(), record.offset());
            }
        });
        container.setBatchInterceptor(new BatchInterceptor<Object, Object>() {
            @Override
            public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                             Consumer<Object, Object> consumer) {
                return records;
            }

            @Override
            public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
                for (TopicPartition partition : records.partitions()) {
                    var list = records.records(partition);
                    if (!list.isEmpty()) {
                        monitor.progressed(partition.topic(), partition.partition(),
                                list.get(list.size() - 1).offset());
                    }
                }
            }
        });
        Object previous = container.getContainerProperties().getConsumerRebalanceListener();
        if (previous == null) {
            container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
                @Override
                public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer,
                                                           Collection<TopicPartition> partitions) {
                    partitions.forEach(monitor::released);
                }

                @Override
                public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                    partitions.forEach(monitor::released);
                }
            });
        }
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Tells the monitor of each failed delivery and each record sent to the dead-letter topic. */
    private final class Reporting implements RetryListener {

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception error, int deliveryAttempt) {
            // "not yet" is expected while the other topic catches up: not worth a warning at every attempt
            if (Failures.isRetryLater(error)) {
                log.info("{}-{}@{} not applicable yet (attempt {}): {}", record.topic(), record.partition(),
                        record.offset(), deliveryAttempt, Failures.describe(error));
            } else {
                log.warn("{}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(), record.offset(),
                        deliveryAttempt, Failures.describe(error));
            }
            monitor.failed(record.topic(), record.partition(), record.offset(), deliveryAttempt, error);
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception error, int deliveryAttempt) {
            if (hasCause(error, BatchListenerFailedException.class)) {
                return; // the failing record is named: its own failedDelivery reports it
            }
            for (TopicPartition partition : records.partitions()) {
                var list = records.records(partition);
                if (!list.isEmpty()) {
                    ConsumerRecord<?, ?> first = list.get(0);
                    failedDelivery(first, error, deliveryAttempt);
                }
            }
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception error) {
            log.error("{}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), Failures.describe(error));
            monitor.deadLettered(record.topic(), record.partition(), record.offset());
        }

        @Override
        public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
            log.error("{}-{}@{} could not be sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), Failures.describe(failure));
        }
    }
}
