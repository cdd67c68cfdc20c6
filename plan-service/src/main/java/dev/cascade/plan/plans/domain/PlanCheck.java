package dev.cascade.plan.plans.domain;

import dev.cascade.plan.validation.Violation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The violations of one proposed plan, in the order its fields are read: a field's shape problems (found beforehand
 * by the constraints of {@link ProposedPlan}) where the field is read, then what the rules of the domain find.
 * A field read here with shape problems reads as {@code null}, so that no rule is applied to it.
 */
final class PlanCheck {

    private final Map<String, List<Violation>> shapes = new LinkedHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Violation> warnings = new ArrayList<>();

    PlanCheck(List<Violation> shapeProblems) {
        shapeProblems.forEach(v -> shapes.computeIfAbsent(v.field(), field -> new ArrayList<>()).add(v));
    }

    /** Reports the shape problems of {@code field}; whether it has none. */
    boolean sound(String field) {
        List<Violation> found = shapes.remove(field);
        if (found != null) {
            violations.addAll(found);
        }
        return found == null;
    }

    String text(String field, String value) {
        return sound(field) && value != null ? value.trim() : null;
    }

    /** The sound texts of a list, trimmed ({@code field[i]} for each). */
    List<String> texts(String field, List<String> values) {
        List<String> result = new ArrayList<>();
        for (int i = 0; values != null && i < values.size(); i++) {
            String value = text(field + "[" + i + "]", values.get(i));
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    /** {@code read} of each item of a list with its field ({@code field[i]}); a null item has its shape problem. */
    <T> void each(String field, List<T> items, BiConsumer<String, T> read) {
        for (int i = 0; items != null && i < items.size(); i++) {
            String f = field + "[" + i + "]";
            if (items.get(i) == null) {
                sound(f);
            } else {
                read.accept(f, items.get(i));
            }
        }
    }

    LocalDate date(String field, String value) {
        return sound(field) && value != null ? LocalDate.parse(value.trim()) : null;
    }

    <T> T value(String field, T value) {
        return sound(field) ? value : null;
    }

    <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        return sound(field) && value != null ? Enum.valueOf(type, value.trim()) : null;
    }

    void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }

    /** Refuses {@code field} as a whole: the shape problems of its parts are no longer reported. */
    void failWhole(String field, String message) {
        fail(field, message);
        shapes.keySet().removeIf(key -> key.startsWith(field + "[") || key.startsWith(field + "."));
    }

    void warn(String field, String message) {
        warnings.add(new Violation(field, message));
    }

    /** Every violation: those reported so far, then the shape problems of fields not read. */
    List<Violation> violations() {
        List<Violation> all = new ArrayList<>(violations);
        shapes.values().forEach(all::addAll);
        return all;
    }

    List<Violation> warnings() {
        return warnings;
    }
}
