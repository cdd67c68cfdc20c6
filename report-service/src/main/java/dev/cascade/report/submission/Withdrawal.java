package dev.cascade.report.submission;

import java.time.Instant;

/**
 * A withdrawal of the report. It takes the next version number, so that consumers keeping the highest version drop the
 * report; a later submission takes the number after it.
 */
public record Withdrawal(int version, String withdrawnBy, String actingUnit, Instant withdrawnAt, String reason) {
}
