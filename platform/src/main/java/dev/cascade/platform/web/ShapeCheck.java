package dev.cascade.platform.web;

import lombok.RequiredArgsConstructor;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of a request (required, length, pattern, range), declared as Bean Validation constraints on its records,
 * checked by a {@link Validator} and told as {@link FieldProblem}s named by JSON path ({@code targets[0].indicator}),
 * in the order the record declares its fields, each problem once. A field at fault hides the problems beneath it
 * (the items of a list that is too long are not checked one by one).
 */
@RequiredArgsConstructor
public final class ShapeCheck {

    private final Validator validator;

    /** One for the whole JVM, from the default provider; messages are interpolated without expressions. */
    public static ShapeCheck standalone() {
        return Standalone.CHECK;
    }

    /** {@code text} escaped for a constraint message template (braces, dollar, backslash), to quote a value. */
    public static String literal(Object text) {
        return String.valueOf(text).replaceAll("([\\\\{}$])", "\\\\$1");
    }

    /** What is wrong with the shape of {@code request}; empty when nothing is. */
    public List<FieldProblem> problems(Object request) {
        if (request == null) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            found.add(new Found(field(violation.getPropertyPath()), order(request.getClass(),
                    violation.getPropertyPath()), violation.getMessage()));
        }
        found.sort(Comparator.comparing(Found::order, ShapeCheck::compare).thenComparing(Found::message));
        Set<String> faulty = new HashSet<>();
        Set<FieldProblem> problems = new LinkedHashSet<>();
        for (Found f : found) {
            if (!beneathAny(f.field, faulty)) {
                faulty.add(f.field);
                problems.add(new FieldProblem(f.field, f.message));
            }
        }
        return List.copyOf(problems);
    }

    /** The JSON path of a property path: {@code targets[0].indicator}, {@code basis[1]}. */
    public static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    private static boolean beneathAny(String field, Set<String> faulty) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if ((c == '.' || c == '[') && faulty.contains(field.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** Per node: the property's place among its record's components, or the item's index (a map's items: 0). */
    private static List<Integer> order(Class<?> root, Path path) {
        List<Integer> order = new ArrayList<>();
        Type type = root;
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                order.add(node.getIndex() == null ? 0 : node.getIndex());
                Type[] items = type instanceof ParameterizedType container ? container.getActualTypeArguments()
                        : new Type[]{Object.class};
                type = items[items.length - 1];
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                RecordComponent[] components = type instanceof Class<?> c && c.isRecord()
                        ? c.getRecordComponents() : new RecordComponent[0];
                int place = components.length;
                Type next = Object.class;
                for (int i = 0; i < components.length; i++) {
                    if (components[i].getName().equals(node.getName())) {
                        place = i;
                        next = components[i].getGenericType();
                    }
                }
                order.add(place);
                type = next;
            }
        }
        return order;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static final class Standalone {

        static final ShapeCheck CHECK = new ShapeCheck(Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator());
    }

    private record Found(String field, List<Integer> order, String message) {
    }
}
