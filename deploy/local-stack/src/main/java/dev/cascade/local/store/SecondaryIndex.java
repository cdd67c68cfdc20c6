package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A non-unique index, which the base class does not have (it logs "not yet implemented" and scans instead): the
 * positions of the documents by the values of the index's <em>first</em> field, in BSON order, so that a query with an
 * equality, a range, an {@code $in} or {@code $exists: true} on that field reads only the documents that can match;
 * and, for an index of several fields, by the values of its second field under each value of the first, so that a
 * query with an equality on the first and a condition on the second reads only those that can meet both.
 * <p>
 * It only ever narrows: {@link #candidates} answers a superset of the documents that can meet the condition, and the
 * collection matches the whole query against each of them, so an answer is the same as a scan's (in the same order,
 * the positions ascending). What it cannot answer exactly it keeps aside and hands out with every answer that might need
 * it: values that are documents, arrays or types without a plain order. The base class never asks it ({@link
 * #canHandle} is always {@code false}); {@link JournaledCollection} does, once no unique index could narrow the query.
 * Values are those MongoDB indexes for the path: an array's elements (and the array itself, for {@code $exists}), an
 * array's documents' fields, and a numeric path component as both an array position and a field name.
 */
final class SecondaryIndex extends Index<Integer> {

    /** The kinds of plain values, in BSON's order of types (that of the store's own comparisons). */
    private static final List<Class<?>> KINDS = List.of(Double.class, String.class, UUID.class, ObjectId.class,
            Boolean.class, Instant.class);
    /**
     * Keys by kind, then within a kind as the store compares them. Numbers are all kept as doubles: two numbers the
     * store tells apart may share a key (longs beyond 2^53), which only makes a candidate of both.
     */
    private static final Comparator<Object> ORDER = SecondaryIndex::compare;
    private static final Set<String> RANGE = Set.of("$eq", "$gt", "$gte", "$lt", "$lte");

    private final List<String> path;
    /** The second field's path, for an index of two or more fields; else {@code null}. */
    private final List<String> secondPath;
    /** Documents by each plain value (number, string, boolean, date, object id, UUID) on the path. */
    private final NavigableMap<Object, Set<Integer>> plain = new TreeMap<>(ORDER);
    /** Documents with a {@code null} on the path (no range or equality on a value matches them). */
    private final Set<Integer> nulls = new HashSet<>();
    /** Documents with an array on the path: it exists, whatever its elements. */
    private final Set<Integer> arrays = new HashSet<>();
    /** Documents with any other value on the path (an embedded document, binary data, a decimal). */
    private final Set<Integer> others = new HashSet<>();
    /** What each indexed document was filed under, by position, to take it out again. */
    private final Map<Integer, Filed> filed = new HashMap<>();
    /** The position of each indexed document, by {@code _id}. */
    private final Map<Object, Integer> positions = new HashMap<>();
    /**
     * With a second field: the documents whose first field holds one plain value and whose second holds one too (no
     * array, null or other value on either), by the first's key, then by the second's, in BSON order.
     */
    private final Map<Object, NavigableMap<Object, Set<Integer>>> pairs = new HashMap<>();
    /** With a second field: the other documents filed under a plain value of the first, by that value's key. */
    private final Map<Object, Set<Integer>> unpaired = new HashMap<>();

    /** Stands for a value the index does not follow. */
    private static final Document OTHER = new Document();

    /** {@code pairedBy}: the second field's key when filed in {@link #pairs}, else {@code null} (then unpaired). */
    private record Filed(Object id, List<Object> plainValues, boolean isNull, boolean array, boolean other,
                         Object pairedBy) {
    }

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.path = List.of(keys.get(0).getKey().split("\\."));
        this.secondPath = keys.size() > 1 ? List.of(keys.get(1).getKey().split("\\.")) : null;
    }

    /** The first field of the index: the one it narrows by. */
    String field() {
        return getKeys().get(0).getKey();
    }

    /** The index's second field, which narrows further after an equality on the first; {@code null} if it has none. */
    String secondField() {
        return secondPath == null ? null : getKeys().get(1).getKey();
    }

    /**
     * The positions of the documents that can meet {@code condition} on {@link #field()}, ascending (the order of a
     * scan); {@code null} when this index cannot narrow such a condition.
     */
    synchronized Collection<Integer> candidates(Object condition) {
        return candidates(condition, null);
    }

    /**
     * As {@link #candidates(Object)}, narrowed further by {@code second}, the query's condition on {@link
     * #secondField()} (or {@code null}), when the first field's condition is an equality or an {@code $in} of plain
     * values: as a compound index answers {@code {state: "SENT", published: false}} or {@code {status: "OPEN", dueAt:
     * {$lte: now}}} (MongoDB's own index bounds), where the first field alone would give every sent delivery or every
     * open obligation of every season. Documents that hold no single plain value in either field are candidates for
     * any second condition.
     */
    synchronized Collection<Integer> candidates(Object condition, Object second) {
        List<Integer> found = new ArrayList<>();
        Object key = keyOf(condition);
        List<Object> equal = key != null ? List.of(key) : secondPath != null && second != null ? equalKeys(condition)
                : null;
        if (equal != null && secondPath != null && second != null) {
            for (Object first : equal) {
                NavigableMap<Object, Set<Integer>> bySecond = pairs.get(first);
                if (bySecond != null) {
                    Object secondKey = keyOf(second);
                    if (secondKey != null) {
                        addAll(found, bySecond.get(secondKey));
                    } else if (!(second instanceof Document operators) || operators.isEmpty()
                            || !narrow(operators, found, bySecond, false)) {
                        bySecond.values().forEach(found::addAll);
                    }
                }
                addAll(found, unpaired.get(first));
            }
        } else if (key != null) {
            addAll(found, plain.get(key));
        } else if (condition instanceof Document operators && !operators.isEmpty()) {
            if (!narrow(operators, found, plain, true)) {
                return null;
            }
        } else {
            return null;
        }
        found.addAll(others);
        return ascendingOnce(found);
    }

    /**
     * The keys of a condition that only asks for equality with plain values ({@code $eq}, or {@code $in} of them),
     * else {@code null}.
     */
    private static List<Object> equalKeys(Object condition) {
        if (!(condition instanceof Document operators) || operators.size() != 1) {
            return null;
        }
        Map.Entry<String, Object> operator = operators.entrySet().iterator().next();
        if (operator.getKey().equals("$eq")) {
            Object key = keyOf(operator.getValue());
            return key == null ? null : List.of(key);
        }
        if (operator.getKey().equals("$in") && operator.getValue() instanceof List<?> values) {
            List<Object> keys = values.stream().map(SecondaryIndex::keyOf).toList();
            return keys.contains(null) ? null : keys;
        }
        return null;
    }

    /** The positions ascending, each once (a document can be filed under several of its values). */
    private static List<Integer> ascendingOnce(List<Integer> positions) {
        positions.sort(null);
        List<Integer> once = new ArrayList<>(positions.size());
        Integer last = null;
        for (Integer position : positions) {
            if (!position.equals(last)) {
                once.add(position);
                last = position;
            }
        }
        return once;
    }

    /**
     * Fills {@code found} from the field's operators when they are only {@code $eq}, {@code $gt}, {@code $gte},
     * {@code $lt}, {@code $lte}, {@code $in} and {@code $exists}; each of them must hold, so narrowing by one is
     * enough. {@code false} when there is another operator or none of them can be answered (a value without a plain
     * order, {@code $exists: false}). {@code byKey}: the documents by the field's plain values; {@code first} whether
     * it is the first field (whose nulls and arrays this index also keeps, for {@code $exists}).
     */
    private boolean narrow(Document operators, List<Integer> found, NavigableMap<Object, Set<Integer>> byKey,
                           boolean first) {
        Object low = null;
        Object high = null;
        Object equal = null;
        List<?> in = null;
        boolean exists = false;
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            String name = operator.getKey();
            Object value = operator.getValue();
            if (!name.startsWith("$")) {
                return false; // an embedded document to equal, not operators
            }
            Object key = keyOf(value);
            if (RANGE.contains(name) && key == null) {
                continue;
            }
            // the bounds are taken as inclusive: numbers compared as doubles may round, and one more candidate
            // costs only its match
            switch (name) {
                case "$eq" -> equal = key;
                case "$gt", "$gte" -> low = low == null || ORDER.compare(key, low) > 0 ? key : low;
                case "$lt", "$lte" -> high = high == null || ORDER.compare(key, high) < 0 ? key : high;
                case "$in" -> {
                    if (value instanceof List<?> values) {
                        List<Object> keys = values.stream().map(SecondaryIndex::keyOf).toList();
                        in = keys.contains(null) ? null : keys;
                    }
                }
                case "$exists" -> exists = Boolean.TRUE.equals(value);
                default -> {
                    // the store's matching lets some operators decide alone on an array ($ne, $nin, $all drop the
                    // field's other operators there): not narrowed at all
                    return false;
                }
            }
        }
        if (equal != null) {
            addAll(found, byKey.get(equal));
        } else if (in != null) {
            in.forEach(value -> addAll(found, byKey.get(value)));
        } else if (low != null || high != null) {
            NavigableMap<Object, Set<Integer>> range = byKey;
            if (low != null) {
                range = range.tailMap(low, true);
            }
            if (high != null) {
                if (low != null && ORDER.compare(low, high) > 0) {
                    return true; // nothing lies between
                }
                range = range.headMap(high, true);
            }
            range.values().forEach(found::addAll);
        } else if (exists && first) {
            plain.values().forEach(found::addAll);
            found.addAll(nulls);
            found.addAll(arrays);
        } else {
            return false;
        }
        return true;
    }

    /**
     * The key of a value with a plain order that equals only values of its own kind, so that the index can look it
     * up: a number (as a double, without NaN or a negative zero), a string, a UUID, an object id, a boolean or a date;
     * {@code null} for any other value.
     */
    static Object keyOf(Object value) {
        if (value instanceof Number number) {
            if (number instanceof Decimal128) {
                return null;
            }
            double d = number.doubleValue();
            return Double.isNaN(d) ? null : Double.valueOf(d == 0.0 ? 0.0 : d);
        }
        return value instanceof String || value instanceof Boolean || value instanceof Instant
                || value instanceof ObjectId || value instanceof UUID ? value : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        int kinds = Integer.compare(KINDS.indexOf(a.getClass()), KINDS.indexOf(b.getClass()));
        if (kinds != 0) {
            return kinds;
        }
        if (a instanceof UUID) { // as the store compares UUIDs
            return a.toString().compareTo(b.toString());
        }
        return ((Comparable) a).compareTo(b);
    }

    private static void addAll(List<Integer> found, Set<Integer> positions) {
        if (positions != null) {
            found.addAll(positions);
        }
    }

    @Override
    public synchronized void add(Document document, Integer position, MongoCollection<Integer> collection) {
        Object id = document.get("_id");
        List<Object> values = new ArrayList<>();
        collect(document, path, 0, values);
        List<Object> plainValues = new ArrayList<>();
        boolean isNull = false;
        boolean array = false;
        boolean other = false;
        for (Object value : values) {
            Object key = keyOf(value);
            if (key != null) {
                plainValues.add(key);
                plain.computeIfAbsent(key, k -> new HashSet<>()).add(position);
            } else if (value == null) {
                isNull = true;
            } else if (value instanceof Collection<?>) {
                array = true;
            } else if (!(value instanceof Missing)) {
                other = true;
            }
        }
        if (isNull) {
            nulls.add(position);
        }
        if (array) {
            arrays.add(position);
        }
        if (other) {
            others.add(position);
        }
        Object pairedBy = null;
        if (secondPath != null) {
            if (values.size() == 1 && plainValues.size() == 1) {
                List<Object> seconds = new ArrayList<>();
                collect(document, secondPath, 0, seconds);
                pairedBy = seconds.size() == 1 ? keyOf(seconds.get(0)) : null;
            }
            if (pairedBy != null) {
                pairs.computeIfAbsent(plainValues.get(0), k -> new TreeMap<>(ORDER))
                        .computeIfAbsent(pairedBy, k -> new HashSet<>()).add(position);
            } else {
                plainValues.forEach(key -> unpaired.computeIfAbsent(key, k -> new HashSet<>()).add(position));
            }
        }
        filed.put(position, new Filed(id, plainValues, isNull, array, other, pairedBy));
        positions.put(id, position);
    }

    /**
     * The values on the path from fragment {@code at} of {@code value}, as MongoDB's matching reaches them: through
     * embedded documents, into each document of an array, and a number as an array position too. A value that is an
     * array counts itself and each element.
     */
    private static void collect(Object value, List<String> path, int at, List<Object> values) {
        if (at == path.size()) {
            values.add(value);
            if (value instanceof List<?> elements) {
                // an array in the array: the store's matching looks into it too, so a candidate for every answer
                elements.forEach(element -> values.add(element instanceof List<?> ? OTHER : element));
            }
            return;
        }
        String fragment = path.get(at);
        if (value instanceof Document document) {
            collect(document.containsKey(fragment) ? document.get(fragment) : Missing.getInstance(), path, at + 1,
                    values);
        } else if (value instanceof List<?> elements) {
            if (isPosition(fragment)) {
                int index = Integer.parseInt(fragment);
                collect(index < elements.size() ? elements.get(index) : Missing.getInstance(), path, at + 1, values);
            }
            for (Object element : elements) {
                if (element instanceof Document) {
                    collect(element, path, at, values);
                } else if (element instanceof List<?>) {
                    values.add(OTHER); // an array in an array: not followed, so a candidate for every answer
                }
            }
        } else {
            values.add(Missing.getInstance());
        }
    }

    private static boolean isPosition(String fragment) {
        return !fragment.isEmpty() && fragment.length() < 10 && fragment.chars().allMatch(Character::isDigit);
    }

    @Override
    public synchronized Integer remove(Document document) {
        Integer position = positions.get(document.get("_id"));
        if (position != null) {
            unfile(position);
        }
        return position;
    }

    private void unfile(Integer position) {
        Filed entry = filed.remove(position);
        if (entry == null) {
            return;
        }
        positions.remove(entry.id());
        entry.plainValues().forEach(value -> unfileFrom(plain, value, position));
        nulls.remove(position);
        arrays.remove(position);
        others.remove(position);
        if (secondPath != null) {
            if (entry.pairedBy() != null) {
                Object first = entry.plainValues().get(0);
                NavigableMap<Object, Set<Integer>> bySecond = pairs.get(first);
                unfileFrom(bySecond, entry.pairedBy(), position);
                if (bySecond.isEmpty()) {
                    pairs.remove(first);
                }
            } else {
                entry.plainValues().forEach(value -> unfileFrom(unpaired, value, position));
            }
        }
    }

    /** Takes {@code position} out of the documents filed under {@code key}, and the key out once none is left. */
    private static void unfileFrom(Map<Object, Set<Integer>> byKey, Object key, Integer position) {
        Set<Integer> at = byKey.get(key);
        if (at != null) {
            at.remove(position);
            if (at.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Integer position,
                                           MongoCollection<Integer> collection) {
        unfile(position);
        add(newDocument, position, collection);
    }

    /** Never by the base class: {@link JournaledCollection} asks {@link #candidates} itself. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    /**
     * A superset of the documents {@code query} can match, ascending: the candidates for its condition on {@link
     * #field()} at the top level, or every indexed document when it has none this index can narrow.
     */
    @Override
    public synchronized Iterable<Integer> getPositions(Document query) {
        Object condition = query.get(field());
        Collection<Integer> candidates = condition == null ? null
                : candidates(condition, secondPath == null ? null : query.get(secondField()));
        return candidates != null ? candidates : ascendingOnce(new ArrayList<>(filed.keySet()));
    }

    /** Not unique: no document is found by its key alone. */
    @Override
    public Integer getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Integer> collection) {
        // no constraint
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Integer> collection) {
        // no constraint
    }

    @Override
    public synchronized long getCount() {
        return filed.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        plain.clear();
        nulls.clear();
        arrays.clear();
        others.clear();
        pairs.clear();
        unpaired.clear();
        filed.clear();
        positions.clear();
    }
}
