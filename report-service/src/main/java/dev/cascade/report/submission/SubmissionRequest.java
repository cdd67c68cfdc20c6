package dev.cascade.report.submission;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /reports}: a unit's report for (programme, period).
 *
 * @param submittedBy not accepted (refused with 422 when present): the person recorded is the token's subject; the
 *                    component exists so that a client still sending it is told, not silently ignored
 * @param values    indicator code to value: {@code {"value": 35}} for a count, {@code {"numerator": 120,
 *                  "denominator": 200}} for a ratio
 * @param narrative outline section to text
 */
public record SubmissionRequest(String unitCode, String programme, String period, String submittedBy,
                                Map<String, Value> values, List<Task> tasks, Map<String, String> narrative) {

    /** A reported value as sent. */
    public record Value(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {
    }

    /** Progress on a numbered task of the plan, as sent. */
    public record Task(String task, String status, String text) {
    }
}
