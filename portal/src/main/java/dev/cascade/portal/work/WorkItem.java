package dev.cascade.portal.work;

import dev.cascade.portal.api.Obligation;
import dev.cascade.portal.api.Report;

/**
 * One line of "my work": an obligation with what the person needs to act on it. Its status joins the obligation's
 * (open, overdue, fulfilled on time or late) with its report's review (returned, withdrawn).
 *
 * @param programmeTitle the programme's title from its plan
 * @param planLabel      the plan's number and title
 * @param workingDaysLeft working days to the deadline (negative: since)
 */
public record WorkItem(Obligation obligation, Report report, String programmeTitle, String planLabel,
                       int workingDaysLeft) {

    /** What the person sees: OPEN, OVERDUE, FULFILLED_ON_TIME, FULFILLED_LATE, RETURNED or WITHDRAWN. */
    public String status() {
        if (report != null && ("RETURNED".equals(report.status()) || "WITHDRAWN".equals(report.status()))) {
            return report.status();
        }
        return obligation.status();
    }

    /** Overdue first, then returned, then open by deadline, then the rest. */
    int rank() {
        return switch (status()) {
            case "OVERDUE" -> 0;
            case "RETURNED", "WITHDRAWN" -> 1;
            case "OPEN" -> 2;
            default -> 3;
        };
    }

    /** The reason of the last return, if the report was returned. */
    public String returnReason() {
        return report != null && "RETURNED".equals(report.status()) && report.lastReview() != null
                ? report.lastReview().reason() : null;
    }
}
