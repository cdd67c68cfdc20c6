package dev.cascade.notification.unit;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.kafka.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Input {@code unitEvents-in-0}: {@code cascade.units.v1} into the units copy. */
@Configuration(proxyBeanMethods = false)
class UnitInput {

    @Bean
    Consumer<Message<byte[]>> unitEvents(CloudEventReader events, UnitDirectory units) {
        return message -> events.read(message, UnitUpserted.class, EventTypes.UNIT_UPSERTED).ifPresent(units::apply);
    }
}
