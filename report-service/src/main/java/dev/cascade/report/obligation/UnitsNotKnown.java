package dev.cascade.report.obligation;

import java.time.LocalDate;
import java.util.Set;

/**
 * A period cannot open yet: some units owing its report are not in the unit copy (or have no placement on the cut-off
 * end). Thrown out of the plan consumer so that the record is retried once the units have arrived; the periodic
 * opening job tries again too. Carries no stack trace: it is an expected condition.
 */
public class UnitsNotKnown extends RuntimeException implements dev.cascade.platform.kafka.RetryLater {

    private final Set<String> codes;

    public UnitsNotKnown(String planId, String programme, String period, LocalDate day, Set<String> codes) {
        // no stack trace: an expected condition, named in one line wherever it is logged
        super("plan " + planId + ", programme " + programme + ", period " + period + ": units not known on " + day
                + " (not arrived yet, or without a placement that day): " + codes, null, false, false);
        this.codes = Set.copyOf(codes);
    }

    public Set<String> codes() {
        return codes;
    }
}
