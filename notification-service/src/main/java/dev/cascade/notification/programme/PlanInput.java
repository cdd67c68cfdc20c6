package dev.cascade.notification.programme;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.platform.kafka.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Input {@code planEvents-in-0}: {@code cascade.plans.v1} into the programme catalogue (titles, cut-offs). */
@Configuration(proxyBeanMethods = false)
class PlanInput {

    @Bean
    Consumer<Message<byte[]>> planEvents(CloudEventReader events, ProgrammeCatalog programmes) {
        return message -> events.read(message, PlanIssued.class, EventTypes.PLAN_ISSUED).ifPresent(programmes::apply);
    }
}
