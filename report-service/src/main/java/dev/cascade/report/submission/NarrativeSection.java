package dev.cascade.report.submission;

/** The text a report gives for one section of the programme's outline. */
public record NarrativeSection(String section, String text) {
}
