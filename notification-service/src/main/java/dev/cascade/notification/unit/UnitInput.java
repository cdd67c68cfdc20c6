package dev.cascade.notification.unit;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.kafka.CloudEventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Input {@code unitEvents-in-0}: {@code cascade.units.v1} into the units copy. */
@Configuration(proxyBeanMethods = false)
class UnitInput {

    private static final Logger log = LoggerFactory.getLogger(UnitInput.class);

    @Bean
    Consumer<Message<byte[]>> unitEvents(CloudEventReader events, UnitDirectory units) {
        return message -> {
            String type = events.type(message);
            if (EventTypes.UNIT_UPSERTED.equals(type)) {
                units.apply(events.payload(message, UnitUpserted.class));
            } else {
                log.debug("ignoring {} on the units topic", type);
            }
        };
    }
}
