package dev.cascade.aggregation.messaging;

import dev.cascade.aggregation.hierarchy.UnitIntake;
import dev.cascade.aggregation.plan.PlanIntake;
import dev.cascade.aggregation.rollup.engine.ContributionIntake;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.ReportSubmitted;
import dev.cascade.contracts.events.RollupContributed;
import dev.cascade.contracts.events.UnitUpserted;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * The consumer bindings (group {@code aggregation-service}; retries, backoff and dead-letter topics in
 * {@code aggregation-service.yml}): {@code units-in-0}, {@code plans-in-0}, {@code reports-in-0},
 * {@code rollups-in-0}.
 */
@Configuration(proxyBeanMethods = false)
class InboundEvents {

    @Bean
    Consumer<Message<byte[]>> units(CloudEventReader reader, UnitIntake intake) {
        return message -> reader.read(message, UnitUpserted.class, EventTypes.UNIT_UPSERTED).ifPresent(intake::accept);
    }

    @Bean
    Consumer<Message<byte[]>> plans(CloudEventReader reader, PlanIntake plans, ContributionIntake rollUps) {
        return message -> reader.read(message, PlanIssued.class, EventTypes.PLAN_ISSUED)
                .map(plans::accept).ifPresent(rollUps::accept);
    }

    @Bean
    Consumer<Message<byte[]>> reports(CloudEventReader reader, ContributionIntake rollUps) {
        return message -> reader.read(message, ReportSubmitted.class, EventTypes.REPORT_SUBMITTED,
                EventTypes.REPORT_REVISED).ifPresent(rollUps::accept);
    }

    @Bean
    Consumer<Message<byte[]>> rollups(CloudEventReader reader, ContributionIntake rollUps) {
        return message -> reader.read(message, RollupContributed.class, EventTypes.ROLLUP_CONTRIBUTED)
                .ifPresent(rollUps::accept);
    }
}
