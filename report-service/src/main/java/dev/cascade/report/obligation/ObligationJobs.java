package dev.cascade.report.obligation;

import dev.cascade.platform.schedule.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The time-driven obligation changes, run by the platform; tests call {@link PeriodOpenings} and
 * {@link ObligationOutcomes} directly instead.
 */
@Configuration(proxyBeanMethods = false)
class ObligationJobs {

    private static final Logger log = LoggerFactory.getLogger(ObligationJobs.class);

    /** Opens the periods whose opening date has come, every {@code cascade.obligations.open-interval}. */
    @Bean
    PeriodicJob openDuePeriods(PeriodOpenings openings,
                               @Value("${cascade.obligations.open-interval:60s}") Duration interval) {
        return PeriodicJob.every("open-due-periods", interval, openings::openDuePeriods);
    }

    /** Marks overdue what has passed its deadline, every {@code cascade.obligations.overdue-interval}. */
    @Bean
    PeriodicJob markOverdue(ObligationOutcomes outcomes,
                            @Value("${cascade.obligations.overdue-interval:60s}") Duration interval) {
        return PeriodicJob.every("mark-overdue", interval, () -> {
            int overdue = outcomes.markOverdue();
            if (overdue > 0) {
                log.info("{} obligation(s) became overdue", overdue);
            }
        });
    }
}
