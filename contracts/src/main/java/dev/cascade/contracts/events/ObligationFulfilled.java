package dev.cascade.contracts.events;

import java.time.Instant;

/** The report owed by an obligation arrived, on time or late. Keyed by {@link #unitCode()}. */
public record ObligationFulfilled(String obligationId, String programme, String period, String unitCode,
                                  String reportId, ObligationStatus status, Instant fulfilledAt, long version) {
}
