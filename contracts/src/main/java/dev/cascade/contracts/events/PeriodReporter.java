package dev.cascade.contracts.events;

import java.util.List;

/**
 * A unit that owes a report for one period of a plan, after succession: either a reporting unit of the plan itself
 * ({@code replaces} empty) or a successor owing it in place of the units it {@code replaces}.
 *
 * @param partial whether it replaces a part of one of those units only (a partial merge)
 */
public record PeriodReporter(String unitCode, List<String> replaces, boolean partial) {

    public PeriodReporter {
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }

    /** Whether the unit owes the report in place of others. */
    public boolean successor() {
        return !replaces.isEmpty();
    }
}
