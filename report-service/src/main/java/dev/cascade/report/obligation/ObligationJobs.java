package dev.cascade.report.obligation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the time-driven obligation changes on a fixed delay; tests call {@link Obligations} directly instead. */
@Component
class ObligationJobs {

    private static final Logger log = LoggerFactory.getLogger(ObligationJobs.class);

    private final Obligations obligations;

    ObligationJobs(Obligations obligations) {
        this.obligations = obligations;
    }

    @Scheduled(fixedDelayString = "${cascade.obligations.open-interval:60s}",
            initialDelayString = "${cascade.obligations.open-interval:60s}")
    void openDuePeriods() {
        try {
            obligations.openDuePeriods();
        } catch (RuntimeException e) {
            log.warn("Opening due periods failed: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${cascade.obligations.overdue-interval:60s}",
            initialDelayString = "${cascade.obligations.overdue-interval:60s}")
    void markOverdue() {
        try {
            int overdue = obligations.markOverdue();
            if (overdue > 0) {
                log.info("{} obligation(s) became overdue", overdue);
            }
        } catch (RuntimeException e) {
            log.warn("Marking overdue obligations failed: {}", e.toString());
        }
    }
}
