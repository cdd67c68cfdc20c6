package dev.cascade.plan.messaging;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.messaging.SubscribableChannel;

/**
 * The channel on which the Kafka binder confirms each successful send, and the subscription to the error channel
 * that reports failed sends (see {@link EventPublisher}).
 */
@Configuration(proxyBeanMethods = false)
class PublicationReceipts {

    @Bean(EventPublisher.RECEIPTS_CHANNEL)
    DirectChannel cascadePublicationReceipts(EventPublisher publisher) {
        DirectChannel channel = new DirectChannel();
        channel.subscribe(publisher::acknowledge);
        return channel;
    }

    @Bean
    SmartInitializingSingleton sendFailuresToPublisher(
            @Qualifier(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME) SubscribableChannel errorChannel,
            EventPublisher publisher) {
        return () -> errorChannel.subscribe(publisher::refuse);
    }
}
