package dev.cascade.report.programme;

import dev.cascade.contracts.events.ReportingPeriod;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The day whose hierarchy governs a (programme, period): the period's cut-off end. Obligations take their level,
 * parent and ancestors from the units' placements on that day, so reports roll up to that parent; the access rules
 * judge who may report, review and read for the period against the same day, so that the reviewer allowed is the
 * unit the report rolls up to.
 */
@Component
@RequiredArgsConstructor
public class HierarchyDays {

    private final Programmes programmes;

    /** The period's cut-off end; empty when the programme or its period is not known. */
    public Optional<LocalDate> of(String programme, String period) {
        if (programme == null || period == null) {
            return Optional.empty();
        }
        return programmes.findRecent(programme.strip()).flatMap(p -> p.period(period.strip()))
                .map(ReportingPeriod::cutOffEnd);
    }
}
