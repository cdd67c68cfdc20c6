package dev.cascade.aggregation.plan;

import dev.cascade.contracts.events.ReportingPeriod;

import java.time.LocalDate;

/** A period of a programme as kept in the plan copy: its id and its data cut-off window (ISO days). */
public record PeriodWindow(String id, String cutOffStart, String cutOffEnd) {

    static PeriodWindow of(ReportingPeriod period) {
        return new PeriodWindow(period.id(), period.cutOffStart().toString(), period.cutOffEnd().toString());
    }

    /** The day whose hierarchy the period rolls up along. */
    public LocalDate cutOffEndDay() {
        return LocalDate.parse(cutOffEnd);
    }
}
