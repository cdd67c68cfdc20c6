package dev.cascade.notification.programme;

import dev.cascade.platform.kafka.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * Input {@code planEvents-in-0}: {@code cascade.plans.v1} into the programme catalogue (titles, cut-offs; an amended
 * plan as an issued one of a newer version) and the revoked plans.
 */
@Configuration(proxyBeanMethods = false)
class PlanInput {

    @Bean
    Consumer<Message<byte[]>> planEvents(CloudEventReader events, ProgrammeCatalog programmes) {
        return events.plans(programmes::apply, programmes::revoke);
    }
}
