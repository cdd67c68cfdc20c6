package dev.cascade.report.submission;

import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.IndicatorValue;
import dev.cascade.contracts.events.TaskStatus;
import dev.cascade.report.programme.Programme;
import dev.cascade.platform.web.FieldProblem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a report must satisfy, field by field. Every problem found is reported, not only the first. */
public final class SubmissionRules {

    static final int MAX_TEXT = 200;

    private SubmissionRules() {
    }

    /** The fields every report needs, whatever its programme. */
    public static List<FieldProblem> checkRequired(SubmissionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        required(problems, "unitCode", request.unitCode());
        required(problems, "programme", request.programme());
        required(problems, "period", request.period());
        if (request.submittedBy() != null) {
            problems.add(new FieldProblem("submittedBy", "is not accepted: the submitter is the subject of your "
                    + "token; remove the field"));
        }
        if (request.values() == null) {
            problems.add(new FieldProblem("values", "is required"));
        }
        return problems;
    }

    /** Values against the programme's data form, narrative against its outline, and the task entries. */
    public static List<FieldProblem> checkContent(SubmissionRequest request, Programme programme) {
        List<FieldProblem> problems = new ArrayList<>();
        checkValues(problems, request.values(), programme);
        checkNarrative(problems, request.narrative(), programme);
        checkTasks(problems, request.tasks(), programme.taskNumbers());
        return problems;
    }

    private static void checkValues(List<FieldProblem> problems, Map<String, SubmissionRequest.Value> values,
                                    Programme programme) {
        if (values == null) {
            return;
        }
        values.forEach((code, value) -> {
            String field = "values." + code;
            Optional<IndicatorDefinition> indicator = programme.indicator(code);
            if (indicator.isEmpty()) {
                problems.add(new FieldProblem(field, "is not in the data form of programme " + programme.code()));
            } else if (value == null) {
                problems.add(new FieldProblem(field, "must be a value, not null"));
            } else if (indicator.get().kind() == IndicatorKind.RATIO) {
                checkRatio(problems, field, value);
            } else {
                checkCount(problems, field, value);
            }
        });
        for (IndicatorDefinition indicator : programme.dataForm()) {
            if (!values.containsKey(indicator.code())) {
                problems.add(new FieldProblem("values." + indicator.code(), "is required by the data form of programme "
                        + programme.code()));
            }
        }
    }

    private static void checkCount(List<FieldProblem> problems, String field, SubmissionRequest.Value value) {
        if (value.value() == null) {
            problems.add(new FieldProblem(field + ".value", "is required for a count"));
        } else {
            wholeAndNotNegative(problems, field + ".value", value.value());
        }
        if (value.numerator() != null) {
            problems.add(new FieldProblem(field + ".numerator", "a count takes a value, not a numerator"));
        }
        if (value.denominator() != null) {
            problems.add(new FieldProblem(field + ".denominator", "a count takes a value, not a denominator"));
        }
    }

    private static void checkRatio(List<FieldProblem> problems, String field, SubmissionRequest.Value value) {
        BigDecimal numerator = value.numerator();
        BigDecimal denominator = value.denominator();
        boolean numeratorOk = numerator != null && wholeAndNotNegative(problems, field + ".numerator", numerator);
        boolean denominatorOk = denominator != null
                && wholeAndNotNegative(problems, field + ".denominator", denominator);
        if (numerator == null) {
            problems.add(new FieldProblem(field + ".numerator", "is required for a ratio"));
        }
        if (denominator == null) {
            problems.add(new FieldProblem(field + ".denominator", "is required for a ratio"));
        }
        if (denominatorOk && denominator.signum() == 0) {
            problems.add(new FieldProblem(field + ".denominator", "must be greater than 0"));
            denominatorOk = false;
        }
        if (numeratorOk && denominatorOk && numerator.compareTo(denominator) > 0) {
            problems.add(new FieldProblem(field + ".numerator", "must not exceed the denominator ("
                    + numerator.toPlainString() + " > " + denominator.toPlainString() + ")"));
        }
        if (value.value() != null) {
            problems.add(new FieldProblem(field + ".value", "a ratio takes a numerator and a denominator, not a value"));
        }
    }

    private static boolean wholeAndNotNegative(List<FieldProblem> problems, String field, BigDecimal number) {
        if (number.signum() < 0) {
            problems.add(new FieldProblem(field, "must not be negative"));
            return false;
        }
        if (number.compareTo(IndicatorValue.MAX) > 0) {
            problems.add(new FieldProblem(field, "must be at most " + IndicatorValue.MAX.toPlainString()));
            return false;
        }
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return false;
        }
        return true;
    }

    private static void checkNarrative(List<FieldProblem> problems, Map<String, String> narrative,
                                       Programme programme) {
        if (narrative == null) {
            return;
        }
        narrative.forEach((section, text) -> {
            String field = "narrative." + section;
            if (!programme.outline().contains(section)) {
                problems.add(new FieldProblem(field, "is not a section of the outline of programme "
                        + programme.code() + " " + programme.outline()));
            } else if (text == null) {
                problems.add(new FieldProblem(field, "must be text, not null"));
            }
        });
    }

    private static void checkTasks(List<FieldProblem> problems, List<SubmissionRequest.Task> tasks,
                                   List<String> planTasks) {
        if (tasks == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            String field = "tasks[" + i + "]";
            SubmissionRequest.Task task = tasks.get(i);
            if (task == null) {
                problems.add(new FieldProblem(field, "must be a task entry, not null"));
                continue;
            }
            if (blank(task.task())) {
                problems.add(new FieldProblem(field + ".task", "is required (the number of the plan's task)"));
            } else if (!seen.add(task.task().strip())) {
                problems.add(new FieldProblem(field + ".task", "task " + task.task() + " is reported twice"));
            } else if (!planTasks.isEmpty() && !planTasks.contains(task.task().strip())) {
                problems.add(new FieldProblem(field + ".task", "the plan has no task " + task.task().strip()
                        + " (its tasks: " + String.join(", ", planTasks) + ")"));
            }
            if (blank(task.status())) {
                problems.add(new FieldProblem(field + ".status", "is required"));
            } else if (taskStatus(task.status()).isEmpty()) {
                problems.add(new FieldProblem(field + ".status", "must be one of "
                        + Arrays.toString(TaskStatus.values())));
            }
        }
    }

    static Optional<TaskStatus> taskStatus(String status) {
        return Arrays.stream(TaskStatus.values()).filter(s -> s.name().equals(status)).findFirst();
    }

    private static void required(List<FieldProblem> problems, String field, String value) {
        if (blank(value)) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
