package dev.cascade.report.obligation;

/**
 * Whether a unit's report for a period has been written: what the obligation feature needs to know of the reports,
 * without reading their collection (the submission feature answers).
 */
public interface ReportsWritten {

    boolean written(String programme, String period, String unitCode);
}
