package dev.cascade.report.obligation;

import java.time.LocalDate;
import java.util.Set;

/**
 * A period cannot open yet: some reporting units are not in the unit copy (or have no placement on the cut-off end).
 * Thrown out of the plan consumer so that the record is retried once the units have arrived.
 */
public class UnitsNotKnown extends RuntimeException implements dev.cascade.platform.kafka.RetryLater {

    private final Set<String> codes;

    public UnitsNotKnown(String programme, String period, LocalDate day, Set<String> codes) {
        super("cannot open " + programme + " " + period + ": units not known on " + day + ": " + codes);
        this.codes = Set.copyOf(codes);
    }

    public Set<String> codes() {
        return codes;
    }
}
