package dev.cascade.portal.work;

import dev.cascade.portal.api.Plan;
import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.TaskProgress;
import dev.cascade.portal.api.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report form of one obligation as typed: every field as text, so that a refused submission shows exactly what
 * was typed. Field names follow report-service's JSON paths ({@code values.X.numerator}, {@code tasks[0].status},
 * {@code narrative.<section>}), so that the service's field errors land next to their fields.
 * <p>
 * It checks the shape of the figures itself (whole numbers from 0 to 10^12, a denominator above 0 and not below its
 * numerator, every indicator filled in) so that the usual mistakes are explained in the person's language before
 * anything is sent; report-service checks again and decides.
 */
public final class ReportForm {

    /** The largest figure report-service accepts (its bound at the door). */
    static final BigDecimal MAX = BigDecimal.TEN.pow(12);

    private final Map<String, String> fields = new LinkedHashMap<>();

    /** The form prefilled from a report's latest version (a revision starts from what was sent), or empty. */
    static ReportForm of(Plan.Programme programme, List<Plan.Task> tasks, Report report) {
        ReportForm form = new ReportForm();
        if (report == null) {
            return form;
        }
        for (Plan.Indicator indicator : programme.dataForm()) {
            Value value = report.values() == null ? null : report.values().get(indicator.code());
            if (value == null) {
                continue;
            }
            if (indicator.ratio()) {
                form.put("values." + indicator.code() + ".numerator", value.numerator());
                form.put("values." + indicator.code() + ".denominator", value.denominator());
            } else {
                form.put("values." + indicator.code() + ".value", value.value());
            }
        }
        if (report.tasks() != null) {
            for (TaskProgress progress : report.tasks()) {
                for (int i = 0; i < tasks.size(); i++) {
                    if (tasks.get(i).number().equals(progress.task())) {
                        form.fields.put("tasks[" + i + "].status", progress.status());
                        form.fields.put("tasks[" + i + "].text", progress.text() == null ? "" : progress.text());
                    }
                }
            }
        }
        if (report.narrative() != null) {
            report.narrative().forEach((section, text) -> form.fields.put("narrative." + section, text));
        }
        return form;
    }

    /** The form as posted: only the fields it knows are kept. */
    static ReportForm posted(Map<String, String> parameters) {
        ReportForm form = new ReportForm();
        parameters.forEach((name, value) -> {
            if (name.startsWith("values.") || name.startsWith("tasks[") || name.startsWith("narrative.")) {
                form.fields.put(name, value);
            }
        });
        return form;
    }

    private void put(String field, BigDecimal value) {
        if (value != null) {
            fields.put(field, value.toPlainString());
        }
    }

    /** What was typed into a field ("" when nothing). */
    public String get(String field) {
        return fields.getOrDefault(field, "");
    }

    /**
     * Checks the figures' shape; answers field → message key of the portal's own bundle, empty when the form may be
     * sent.
     */
    Map<String, String> check(Plan.Programme programme) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Plan.Indicator indicator : programme.dataForm()) {
            String prefix = "values." + indicator.code() + ".";
            if (indicator.ratio()) {
                BigDecimal numerator = whole(prefix + "numerator", errors);
                BigDecimal denominator = whole(prefix + "denominator", errors);
                if (denominator != null && denominator.signum() == 0) {
                    errors.put(prefix + "denominator", "form.error.denominatorZero");
                } else if (numerator != null && denominator != null && numerator.compareTo(denominator) > 0) {
                    errors.put(prefix + "numerator", "form.error.numeratorAbove");
                }
            } else {
                whole(prefix + "value", errors);
            }
        }
        return errors;
    }

    private BigDecimal whole(String field, Map<String, String> errors) {
        String text = get(field).trim();
        if (text.isEmpty()) {
            errors.put(field, "form.error.required");
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                errors.put(field, "form.error.negative");
            } else if (value.stripTrailingZeros().scale() > 0) {
                errors.put(field, "form.error.whole");
            } else if (value.compareTo(MAX) > 0) {
                errors.put(field, "form.error.tooLarge");
            } else {
                return value;
            }
        } catch (NumberFormatException e) {
            errors.put(field, "form.error.number");
        }
        return null;
    }

    /** The body of {@code POST /reports}: figures as numbers, tasks with a status, narrative sections typed. */
    Map<String, Object> body(String unit, String programmeCode, String period, Plan.Programme programme,
                             List<Plan.Task> tasks) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Plan.Indicator indicator : programme.dataForm()) {
            String prefix = "values." + indicator.code() + ".";
            Map<String, Object> value = new LinkedHashMap<>();
            if (indicator.ratio()) {
                value.put("numerator", number(prefix + "numerator"));
                value.put("denominator", number(prefix + "denominator"));
            } else {
                value.put("value", number(prefix + "value"));
            }
            values.put(indicator.code(), value);
        }
        List<Map<String, Object>> progress = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            String status = get("tasks[" + i + "].status");
            if (!status.isBlank()) {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("task", tasks.get(i).number());
                task.put("status", status);
                task.put("text", get("tasks[" + i + "].text"));
                progress.add(task);
            }
        }
        Map<String, Object> narrative = new LinkedHashMap<>();
        for (String section : programme.outline() == null ? List.<String>of() : programme.outline()) {
            String text = get("narrative." + section);
            if (!text.isBlank()) {
                narrative.put(section, text);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", unit);
        body.put("programme", programmeCode);
        body.put("period", period);
        body.put("values", values);
        if (!progress.isEmpty()) {
            body.put("tasks", progress);
        }
        if (!narrative.isEmpty()) {
            body.put("narrative", narrative);
        }
        return body;
    }

    /** A figure that {@link #check} accepted ("12", "12.0", "1e3") as the whole number it is. */
    private Object number(String field) {
        return new BigDecimal(get(field).trim()).toBigIntegerExact();
    }

    /** The form's index of each task sent, in the order {@link #body} sends them (blank tasks are left out). */
    List<Integer> sentTasks(List<Plan.Task> tasks) {
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (!get("tasks[" + i + "].status").isBlank()) {
                sent.add(i);
            }
        }
        return sent;
    }
}
