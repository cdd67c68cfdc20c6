package dev.cascade.report.submission;

import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.security.Role;
import dev.cascade.report.programme.HierarchyDays;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Who may do what with a stored report, judged by the platform's {@link AccessRules} on the day whose hierarchy
 * governs the report's period: its cut-off end (see {@link HierarchyDays}), the day the report's parent was taken
 * from. Each method answers the grant that allows it or throws {@code AccessRefused} (403, naming the rule).
 */
@Component
@RequiredArgsConstructor
class ReportAccess {

    private final AccessRules rules;
    private final HierarchyDays days;

    /** The day the report concerns: its period's cut-off end (today if its programme is no longer known). */
    LocalDate dayOf(Report report) {
        return days.of(report.programme(), report.period()).orElseGet(rules::today);
    }

    /** Withdrawing (like submitting): a REPORTER of exactly the report's unit. */
    Grant reporter(Caller caller, Report report) {
        return rules.actFor(caller, Role.REPORTER, report.unitCode(), dayOf(report));
    }

    /** Accepting or returning: a REVIEWER of the unit that is the report's unit's parent on that day. */
    Grant reviewer(Caller caller, Report report) {
        return rules.reviewChild(caller, report.unitCode(), dayOf(report));
    }

    /** Reading: any role of the report's unit, or REVIEWER or VIEWER of a unit above it on that day. */
    Grant reader(Caller caller, Report report) {
        return rules.read(caller, report.unitCode(), dayOf(report));
    }
}
