package dev.cascade.contracts.events;

import java.time.Instant;

/**
 * A unit withdrew its report for (programme, period): the report no longer counts. Keyed by {@link #parentCode()},
 * like the report's versions, so it follows them on the same partition.
 *
 * @param reportVersion higher than every submitted version of the report (the withdrawal takes the next number),
 *                      so a consumer that keeps the highest {@code reportVersion} per {@code reportId} drops the
 *                      report's contribution and ignores any older version delivered late; a later resubmission
 *                      takes a higher number again
 */
public record ReportWithdrawn(String reportId, int reportVersion, String planId, String programme, String period,
                              String unitCode, String parentCode, String withdrawnBy, Instant withdrawnAt,
                              String reason) {
}
