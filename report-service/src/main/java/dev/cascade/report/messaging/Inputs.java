package dev.cascade.report.messaging;

import dev.cascade.platform.kafka.CloudEventReader;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.obligation.PeriodOpenings;
import dev.cascade.report.obligation.PlanReconciliation;
import dev.cascade.report.programme.Programmes;
import dev.cascade.report.unit.Units;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * The two inputs: {@code units-in-0} ({@code cascade.units.v1}) and {@code plans-in-0} ({@code cascade.plans.v1}:
 * issued, amended and revoked plans).
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
     * Keeps the programme of an issued or amended plan ({@code cascade.plan.issued}, {@code cascade.plan.amended}:
     * the same payload, a higher version), makes the obligations of its opened periods follow it and opens its current
     * period; on {@code cascade.plan.revoked} its programme takes no more reports and its owed obligations close. A
     * unit owing a report but not known yet fails the record ({@code UnitsNotKnown}, one line without a stack trace
     * per attempt) so that it is retried; the programme is kept first, so the periodic opening job finishes it if the
     * retries run out. A redelivered or stale version changes nothing.
     */
    @Bean
    Consumer<Message<byte[]>> plans(CloudEventReader inbound, Programmes programmes, PeriodOpenings openings,
                                    PlanReconciliation reconciliation) {
        return inbound.plans(plan -> programmes.record(plan).ifPresent(programme -> {
            int changed = openings.bringUpToDate(programme);
            log.info("Plan {} v{}: programme {} kept as of v{}, {} obligation(s) opened or changed", plan.planId(),
                    plan.version(), programme.code(), programme.planVersion(), changed);
        }), revoked -> {
            if (programmes.revoke(revoked)) {
                log.info("Plan {} revoked on {}: its programme takes no more reports", revoked.planId(),
                        revoked.revokedOn());
            }
            // also when the revocation was kept by an earlier attempt: closing is done once per plan version
            programmes.ofPlan(revoked.planId()).forEach(reconciliation::reconcile);
        });
    }
}
