package dev.cascade.local.store;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An update that only sets or removes top-level fields: {@code $set} and {@code $unset} of plain field names (no
 * dotted path, no positional operator, not the id field), or a whole replacement document. The base class applies
 * every update to a deep copy of the stored document, compares the two deeply and keeps another deep copy as the
 * old version; for such an update the top-level values it does not name are not touched, so {@link #applyTo} works
 * on shallow copies: the stored document's other values are shared, as they already are with the replies (a stored
 * document's top-level values are replaced, never changed in place). The outcome is the base class's: the same
 * fields in the same order, the same values, a field set to a value equal to its own (as the store compares: 1 and
 * 1.0 are equal) counting as no change.
 */
final class TopLevelUpdate {

    private final Map<String, Object> sets;
    private final List<String> unsets;
    /** The replacement document, or {@code null} for {@code $set} and {@code $unset}. */
    private final Document replacement;

    private TopLevelUpdate(Map<String, Object> sets, List<String> unsets, Document replacement) {
        this.sets = sets;
        this.unsets = unsets;
        this.replacement = replacement;
    }

    /** The update as one of these, or {@code null} when it is anything else (the base class applies it). */
    static TopLevelUpdate of(Document update, String idField) {
        if (update.isEmpty()) {
            return null;
        }
        boolean operators = update.keySet().iterator().next().startsWith("$");
        if (!operators) {
            for (String field : update.keySet()) {
                if (field.startsWith("$") || field.contains(".")) {
                    return null; // refused by the base class, with its message
                }
            }
            return new TopLevelUpdate(Map.of(), List.of(), update);
        }
        Map<String, Object> sets = new LinkedHashMap<>();
        List<String> unsets = new ArrayList<>();
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            if (!(operator.getValue() instanceof Document fields) || fields.isEmpty()) {
                return null;
            }
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                String name = field.getKey();
                if (!plainField(name, idField) || sets.containsKey(name) || unsets.contains(name)) {
                    return null;
                }
                switch (operator.getKey()) {
                    case "$set" -> sets.put(name, field.getValue());
                    case "$unset" -> unsets.add(name);
                    default -> {
                        return null;
                    }
                }
            }
        }
        return new TopLevelUpdate(sets, unsets, null);
    }

    private static boolean plainField(String name, String idField) {
        return !name.isEmpty() && !name.startsWith("$") && !name.contains(".") && !name.equals(idField);
    }

    /**
     * The document after this update, or {@code null} when the update leaves it as it is. {@code stored} is not
     * changed. {@link #UNSUPPORTED} when a replacement would change the id (the base class refuses that).
     */
    Document applyTo(Document stored, String idField) {
        if (replacement != null) {
            return replace(stored, idField);
        }
        Document next = null;
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            Object current = stored.getOrMissing(set.getKey());
            if (!(current instanceof Missing) && sameValue(set.getValue(), current)) {
                continue;
            }
            next = next == null ? new Document(stored) : next;
            next.put(set.getKey(), set.getValue());
        }
        for (String unset : unsets) {
            if (stored.containsKey(unset)) {
                next = next == null ? new Document(stored) : next;
                next.remove(unset);
            }
        }
        return next;
    }

    /** What stands for "the base class must apply this update" in {@link #applyTo}'s answer. */
    static final Document UNSUPPORTED = new Document();

    private Document replace(Document stored, String idField) {
        Document next = new Document();
        if (idField != null) {
            Object id = stored.get(idField);
            if (replacement.containsKey(idField) && !sameValue(replacement.get(idField), id)) {
                return UNSUPPORTED;
            }
            // the base class keeps the replacement's own id (equal to the stored one as the store compares)
            next.put(idField, replacement.containsKey(idField) ? replacement.get(idField) : id);
        }
        for (Map.Entry<String, Object> field : replacement.entrySet()) {
            if (!field.getKey().equals(idField)) {
                next.put(field.getKey(), field.getValue());
            }
        }
        // as the stored document will be: the fields it keeps stay in their places, new ones go last
        Document result = new Document(stored);
        result.keySet().retainAll(next.keySet());
        result.putAll(next);
        return sameValue(result, stored) ? null : result;
    }

    /**
     * Whether two values are the same as the store compares them for an update ({@code Utils.nullAwareEquals}, not
     * public: equality of the values normalised): null and missing alike, numbers by their value (1, 1L and 1.0 are
     * the same), documents field by field in their order, lists element by element. Compared in place, without the
     * normalised copies, and only as far as the first difference: two versions of a roll-up differ in a few figures
     * among hundreds.
     */
    static boolean sameValue(Object a, Object b) {
        if (a == b) {
            return true;
        }
        boolean aNone = Missing.isNullOrMissing(a);
        boolean bNone = Missing.isNullOrMissing(b);
        if (aNone || bNone) {
            return aNone && bNone;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Objects.equals(normalized(x), normalized(y));
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> these = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> those = y.entrySet().iterator();
            while (these.hasNext()) {
                Map.Entry<?, ?> one = these.next();
                Map.Entry<?, ?> other = those.next();
                if (!one.getKey().equals(other.getKey()) || !sameValue(one.getValue(), other.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> these = x.iterator();
            Iterator<?> those = y.iterator();
            while (these.hasNext()) {
                if (!sameValue(these.next(), those.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number || b instanceof Number || a instanceof Map || b instanceof Map
                || a instanceof Collection || b instanceof Collection) {
            return false; // normalised, values of different kinds
        }
        return a.equals(b);
    }

    /** A number as the store normalises it: a double, unless it is a long a double cannot hold. */
    private static Object normalized(Number number) {
        if (number instanceof Long whole && whole != (long) whole.doubleValue()) {
            return whole;
        }
        double real = number.doubleValue();
        return real == -0.0 ? 0.0 : real;
    }
}
