package dev.cascade.plan.web;

import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.contracts.CascadeTime;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The {@code asOf} query parameter: a day {@code yyyy-MM-dd}, by default today in Vietnam by the service's clock. */
public final class AsOf {

    private AsOf() {
    }

    public static LocalDate parse(String asOf, Clock clock) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.ofInstant(clock.instant(), CascadeTime.ZONE);
        }
        try {
            return LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw RequestRefused.of(Reason.MALFORMED, "Invalid parameter", "asOf", "must be a date yyyy-MM-dd, not " + asOf);
        }
    }
}
