package dev.cascade.notification.programme;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.platform.kafka.CloudEventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(PlanInput.class);

    @Bean
    Consumer<Message<byte[]>> planEvents(CloudEventReader events, ProgrammeCatalog programmes) {
        return message -> {
            String type = events.type(message);
            if (EventTypes.PLAN_ISSUED.equals(type) || EventTypes.PLAN_AMENDED.equals(type)) {
                programmes.apply(events.payload(message, PlanIssued.class));
            } else if (EventTypes.PLAN_REVOKED.equals(type)) {
                programmes.revoke(events.payload(message, PlanRevoked.class));
            } else {
                log.debug("ignoring {} on the plans topic", type);
            }
        };
    }
}
