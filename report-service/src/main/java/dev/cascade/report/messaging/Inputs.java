package dev.cascade.report.messaging;

import dev.cascade.platform.kafka.CloudEventReader;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.obligation.Obligations;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * The two inputs: {@code units-in-0} ({@code cascade.units.v1}) and {@code plans-in-0} ({@code cascade.plans.v1}).
 * Other event types on those topics are ignored. A record that fails is retried with backoff, then goes to
 * {@code <topic>.dlq}.
 */
@Configuration(proxyBeanMethods = false)
class Inputs {

    private static final Logger log = LoggerFactory.getLogger(Inputs.class);

    /** Keeps the unit copy: the highest version of each unit wins. */
    @Bean
    Consumer<Message<byte[]>> units(CloudEventReader inbound, Units units) {
        return message -> inbound.read(message, UnitUpserted.class, EventTypes.UNIT_UPSERTED).ifPresent(units::upsert);
    }

    /**
     * Keeps the programme of an issued plan, then opens its current period. A reporting unit not known yet fails
     * the record ({@code UnitsNotKnown}) so that it is retried; opening twice opens nothing twice.
     */
    @Bean
    Consumer<Message<byte[]>> plans(CloudEventReader inbound, Programmes programmes, Obligations obligations) {
        return message -> {
            if (EventTypes.PLAN_REVOKED.equals(inbound.type(message))) {
                PlanRevoked revoked = inbound.payload(message, PlanRevoked.class);
                if (programmes.revoke(revoked)) {
                    log.info("Plan {} revoked on {}: its programme takes no more reports", revoked.planId(),
                            revoked.revokedOn());
                }
                return;
            }
            if (EventTypes.PLAN_ISSUED.equals(inbound.type(message))) {
                PlanIssued plan = inbound.payload(message, PlanIssued.class);
                programmes.record(plan).ifPresent(programme -> {
                    int opened = obligations.openCurrentPeriods(programme);
                    log.info("Plan {} v{}: programme {} kept, {} obligation(s) opened", plan.planId(),
                            plan.version(), programme.code(), opened);
                });
            }
        };
    }
}
