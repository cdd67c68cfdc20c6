package dev.cascade.local.store;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each field name, and of each short string value, the store keeps. The wire decoder makes a new
 * string for every key of every document it reads: after three national benchmark runs the store's heap held 18.6
 * million strings, for 12 million fields, most of them the same few hundred names ({@code unitCode}, {@code
 * programme}, an indicator's code) and values ({@code OPEN}, a unit's code). Documents enter the store here ({@link
 * JournaledBackend} for inserts and updates, {@link JournaledCollection#restore} for the journal's) with their
 * strings replaced by the first instance seen.
 * <p>
 * Bounded: the store keeps at most {@link #MAX_STRINGS} strings, values only up to {@link #MAX_VALUE_LENGTH}
 * characters (an identifier or a text is rarely repeated); past the bound a string is kept as it came. The strings
 * are never removed: the bound is what limits them.
 */
final class SharedStrings {

    static final int MAX_STRINGS = 1 << 18;
    static final int MAX_VALUE_LENGTH = 32;

    /** The store's, shared by every database of the JVM (one store per JVM in the local stack). */
    static final SharedStrings STORE = new SharedStrings(MAX_STRINGS, MAX_VALUE_LENGTH);

    private final Map<String, String> strings = new ConcurrentHashMap<>();
    private final int maxStrings;
    private final int maxValueLength;

    SharedStrings(int maxStrings, int maxValueLength) {
        this.maxStrings = maxStrings;
        this.maxValueLength = maxValueLength;
    }

    /** The instance kept for {@code string}'s value, or {@code string} itself. */
    String of(String string) {
        String kept = strings.get(string);
        if (kept != null) {
            return kept;
        }
        if (strings.size() >= maxStrings) {
            return string;
        }
        kept = strings.putIfAbsent(string, string);
        return kept == null ? string : kept;
    }

    /**
     * {@code document} with its field names, and its short string values, at any depth, replaced by the kept
     * instances: a new document (the same order of fields) where a field name had to change, else the same one
     * changed in place; lists in place.
     */
    Document share(Document document) {
        boolean keysKept = true;
        for (Map.Entry<String, Object> field : document.entrySet()) {
            if (of(field.getKey()) != field.getKey()) {
                keysKept = false;
            }
            Object value = field.getValue();
            Object shared = shareValue(value);
            if (shared != value) {
                field.setValue(shared);
            }
        }
        if (keysKept) {
            return document;
        }
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(of(key), value));
        return copy;
    }

    /** As {@link #share} for any value: a string, a document, a list (in place), or anything else as it is. */
    Object shareValue(Object value) {
        if (value instanceof String string) {
            return string.length() <= maxValueLength ? of(string) : string;
        }
        if (value instanceof Document document) {
            return share(document);
        }
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> elements = (List<Object>) list;
            try {
                for (int i = 0; i < elements.size(); i++) {
                    Object element = elements.get(i);
                    Object shared = shareValue(element);
                    if (shared != element) {
                        elements.set(i, shared);
                    }
                }
            } catch (UnsupportedOperationException immutable) {
                List<Object> copy = new ArrayList<>(elements.size());
                elements.forEach(element -> copy.add(shareValue(element)));
                return copy;
            }
        }
        return value;
    }

    /** How many strings are kept. */
    int size() {
        return strings.size();
    }
}
