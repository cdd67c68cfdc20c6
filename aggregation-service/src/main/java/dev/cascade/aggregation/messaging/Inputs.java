package dev.cascade.aggregation.messaging;

import dev.cascade.platform.kafka.CloudEventReader;
import dev.cascade.platform.kafka.Failures;
import dev.cascade.aggregation.hierarchy.UnitIntake;
import dev.cascade.aggregation.plan.PlanIntake;
import dev.cascade.aggregation.rollup.engine.ContributionIntake;
import dev.cascade.aggregation.rollup.engine.InputFailedException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.UnitUpserted;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * The consumer bindings (group {@code aggregation-service}; retries, backoff and dead-letter topics in
 * {@code aggregation-service.yml}): {@code plans-in-0} one record at a time, taking {@code cascade.plan.issued},
 * {@code cascade.plan.amended} and {@code cascade.plan.revoked}; {@code units-in-0} in batches, kept in bulk;
 * {@code reports-in-0}, {@code rollups-in-0} in batches, coalesced per roll-up.
 */
@Configuration(proxyBeanMethods = false)
class Inputs {

    /**
     * A batch of units is kept in one bulk write; if that fails for a reason other than the store or the broker, the
     * units are applied one at a time, so that the one that fails is named: retried and dead-lettered alone.
     */
    @Bean
    Consumer<Message<List<byte[]>>> units(BatchReader reader, UnitIntake intake) {
        return batch -> {
            List<BatchReader.Read<UnitUpserted>> units = reader.read(batch, Topics.UNITS, UnitUpserted.class,
                    EventTypes.UNIT_UPSERTED);
            try {
                intake.acceptAll(units.stream().map(BatchReader.Read::event).toList());
            } catch (RuntimeException failed) {
                if (Failures.isInfrastructure(failed)) {
                    throw new BatchListenerFailedException("the batch of units failed", failed, 0);
                }
                for (BatchReader.Read<UnitUpserted> unit : units) {
                    try {
                        intake.accept(unit.event());
                    } catch (RuntimeException unitFailed) {
                        throw new BatchListenerFailedException("unit " + unit.event().code() + " failed: "
                                + unitFailed.getMessage(), unitFailed, unit.index());
                    }
                }
            }
        };
    }

    /** Issued and amended plans (same payload), and revocations; any other type on the topic is skipped. */
    @Bean
    Consumer<Message<byte[]>> plans(CloudEventReader reader, PlanIntake plans, ContributionIntake rollUps) {
        return reader.plans(plan -> rollUps.accept(plans.accept(plan)),
                revoked -> rollUps.accept(plans.revoke(revoked)));
    }

    @Bean
    Consumer<Message<List<byte[]>>> reports(BatchReader reader, ContributionIntake rollUps) {
        return batch -> naming(() -> rollUps.acceptBatch(reader.read(batch, Topics.REPORTS,
                EventTypes.REPORT_SUBMITTED, EventTypes.REPORT_REVISED, EventTypes.REPORT_WITHDRAWN)));
    }

    @Bean
    Consumer<Message<List<byte[]>>> rollups(BatchReader reader, ContributionIntake rollUps) {
        return batch -> naming(() -> rollUps.acceptBatch(reader.read(batch, Topics.ROLLUP,
                EventTypes.ROLLUP_CONTRIBUTED)));
    }

    /**
     * Tells the platform's error handling which record of a batch failed, so that the records before it are committed
     * and it alone is retried and, if it keeps failing, dead-lettered. A failure before any input was told apart (the
     * store away while the batch's units are read) names the first record: the batch is retried from there.
     */
    private static void naming(Runnable batch) {
        try {
            batch.run();
        } catch (InputFailedException failed) {
            throw new BatchListenerFailedException(failed.getMessage(), failed.getCause(), failed.index());
        } catch (RuntimeException failed) {
            throw new BatchListenerFailedException("the batch failed before its failing record was known", failed, 0);
        }
    }
}
