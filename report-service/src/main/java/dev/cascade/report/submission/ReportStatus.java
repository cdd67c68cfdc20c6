package dev.cascade.report.submission;

/** Where a report stands: its latest version awaits review, was accepted or returned by the parent, or withdrawn. */
public enum ReportStatus {
    SUBMITTED, ACCEPTED, RETURNED, WITHDRAWN
}
