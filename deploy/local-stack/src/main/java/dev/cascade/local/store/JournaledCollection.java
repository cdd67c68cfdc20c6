package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * An in-memory collection whose every change is appended to the {@link Journal} before it is answered, and whose
 * query replies are cut into {@link ReplyBatches} of at most 16 MiB, as MongoDB's are.
 *
 * <p>Three things the base class does at a cost a real MongoDB does not have, done here as MongoDB would:
 * <ul>
 * <li>A query is answered by a unique index also when it names more fields than the index, each of the index's
 * fields by a plain value, at the top level or in a top-level {@code $and} (the conditional writes, {@code {_id,
 * revision}}, {@code {_id, status, version}}): the base class uses an index only for a query of exactly its fields
 * and scans the whole collection otherwise. The index gives at most one candidate; the whole query is then matched
 * against it.</li>
 * <li>Failing that, a query is narrowed by a non-unique index ({@link SecondaryIndex}) on whose first field it has an
 * equality, a range, an {@code $in} or {@code $exists: true}, and further on its second field after an equality on
 * the first: the base class has no such index. Of several such indexes, the one with the fewest candidates; they are
 * matched against the whole query in the order of a scan.</li>
 * <li>A projection that only leaves out top-level fields ({@code {reportingUnits: 0}}) copies the other fields'
 * values; the base class copied the whole document deeply, the left-out fields too (a national plan's ten thousand
 * reporting units for a reply without them). The values are shared with the stored document, as an unprojected
 * reply's are: an update replaces a stored document's top-level values and never changes them in place.</li>
 * </ul>
 */
final class JournaledCollection extends MemoryCollection {

    private static final Logger log = LoggerFactory.getLogger(JournaledCollection.class);
    /** A scan, or an index's candidates, of at least this many documents is logged (at debug). */
    private static final int LARGE = 1_000;

    private final Journal journal;
    private final int replyBytes;
    /** Queries answered by reading every document (none of the indexes could narrow them). */
    private final LongAdder scans = new LongAdder();
    /** Documents read as a non-unique index's candidates for a query, in all. */
    private final LongAdder candidatesRead = new LongAdder();

    JournaledCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                        CursorRegistry cursorRegistry, Journal journal) {
        this(database, collectionName, options, cursorRegistry, journal, ReplyBatches.MAX_BYTES);
    }

    JournaledCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                        CursorRegistry cursorRegistry, Journal journal, int replyBytes) {
        super(database, collectionName, options, cursorRegistry);
        this.journal = journal;
        this.replyBytes = replyBytes;
    }

    /**
     * The first batch as MongoDB sends it (the client's batch size, and at most 16 MiB); the rest in a cursor that
     * hands it out the same way.
     */
    @Override
    protected QueryResult createQueryResult(List<Document> matched, int batchSize) {
        int first = ReplyBatches.fitting(matched, batchSize, replyBytes);
        if (first == matched.size()) {
            return new QueryResult(matched);
        }
        ReplyBatches.Cursor cursor = new ReplyBatches.Cursor(cursorRegistry.generateCursorId(),
                matched.subList(first, matched.size()), replyBytes);
        cursorRegistry.add(cursor);
        return new QueryResult(matched.subList(0, first), cursor);
    }

    /**
     * As the base class, which uses an index only for a query of exactly its fields, but also by a unique index whose
     * fields the query names with plain values among others: the index's one candidate is matched against the whole
     * query (every top-level condition of a query must hold, so no document outside the candidates can match). Then
     * by a non-unique index's candidates for its first field's condition, the same way.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Index<Integer> narrowing = null;
        Document narrowed = null;
        Map<String, Object> conditions = null;
        for (Index<Integer> index : getIndexes()) {
            if (index.canHandle(query)) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            if (narrowing == null && index.isUnique()) {
                if (conditions == null) {
                    conditions = new HashMap<>();
                    conditionsOf(query, conditions);
                }
                Document keys = plainValuesOf(conditions, index);
                if (keys != null && index.canHandle(keys)) {
                    narrowing = index;
                    narrowed = keys;
                }
            }
        }
        if (narrowing == null && !isNaturalOrder(orderBy)) {
            if (conditions == null) {
                conditions = new HashMap<>();
                conditionsOf(query, conditions);
            }
            // as MongoDB's planner would settle on: the index that leaves the fewest documents to read
            Collection<Integer> fewest = null;
            for (Index<Integer> index : getIndexes()) {
                if (index instanceof SecondaryIndex secondary && conditions.get(secondary.field()) != null) {
                    Collection<Integer> candidates = secondary.candidates(conditions.get(secondary.field()),
                            secondary.secondField() == null ? null : conditions.get(secondary.secondField()));
                    if (candidates != null && (fewest == null || candidates.size() < fewest.size())) {
                        fewest = candidates;
                    }
                }
            }
            if (fewest != null) {
                candidatesRead.add(fewest.size());
                if (log.isDebugEnabled() && fewest.size() >= LARGE) {
                    log.debug("{}: {} of its {} documents read for a query on {} (the fewest an index left)",
                            getFullName(), fewest.size(), count(), conditions.keySet());
                }
                return matchDocuments(query, fewest, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
        }
        if (narrowing == null) {
            scans.increment();
            if (log.isDebugEnabled() && count() >= LARGE) {
                Map<String, Object> fields = new HashMap<>();
                conditionsOf(query, fields);
                log.debug("{}: every one of its {} documents read for a query on {} (no index could narrow it)",
                        getFullName(), count(), fields.keySet());
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, narrowing.getPositions(narrowed), orderBy, numberToSkip, limit, batchSize,
                fieldSelector);
    }

    /** An order by {@code $natural}: a scan's order, which candidates in ascending positions would not give reversed. */
    private static boolean isNaturalOrder(Document orderBy) {
        return orderBy != null && orderBy.keySet().stream().anyMatch(key -> key.equals("$natural"));
    }

    /**
     * The conditions every matching document meets, by field: the query's top-level fields and those of the
     * documents of a top-level {@code $and} (the driver's {@code Filters.and} sends one), each field's first.
     */
    private static void conditionsOf(Document query, Map<String, Object> conditions) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if (condition.getKey().equals("$and") && condition.getValue() instanceof List<?> terms) {
                for (Object term : terms) {
                    if (term instanceof Document document) {
                        conditionsOf(document, conditions);
                    }
                }
            } else if (!condition.getKey().startsWith("$")) {
                conditions.putIfAbsent(condition.getKey(), condition.getValue());
            }
        }
    }

    /**
     * The conditions on exactly the index's fields, when each is a plain value (not an operator, embedded document,
     * array, regular expression or null, whose matching an index lookup might not reproduce, or the base class's
     * index refuses for a compound index); {@code null} otherwise.
     */
    private static Document plainValuesOf(Map<String, Object> conditions, Index<Integer> index) {
        Document keys = new Document();
        for (IndexKey key : index.getKeys()) {
            Object value = conditions.get(key.getKey());
            if (value == null || value instanceof Map || value instanceof Collection
                    || BsonRegularExpression.isRegularExpression(value)) {
                return null;
            }
            keys.put(key.getKey(), value);
        }
        return keys;
    }

    /** How many queries were answered by reading every document of the collection. */
    long scans() {
        return scans.sum();
    }

    /** How many documents queries have read as the candidates of a non-unique index, in all. */
    long candidatesRead() {
        return candidatesRead.sum();
    }

    /**
     * As the base class, except for a projection that only leaves out top-level fields: the reply's documents are
     * the stored ones without those fields, their other values not copied (see the class comment).
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int numberToSkip,
                                                   int limit, int batchSize, Comparator<Document> order,
                                                   Document fieldSelector) {
        Set<String> leftOut = topLevelExclusions(fieldSelector);
        if (leftOut == null) {
            return super.matchDocumentsFromStream(query, documents, numberToSkip, limit, batchSize, order,
                    fieldSelector);
        }
        // the base class's steps, in its order: match, sort, skip, limit, project
        Stream<Document> matched = documents.filter(document -> documentMatchesQuery(document, query));
        if (order != null) {
            matched = matched.sorted(order);
        }
        if (numberToSkip > 0) {
            matched = matched.skip(numberToSkip);
        }
        if (limit > 0) {
            matched = matched.limit(limit);
        }
        List<Document> reply = new ArrayList<>();
        matched.forEach(document -> reply.add(without(document, leftOut)));
        return createQueryResult(reply, batchSize);
    }

    /**
     * The fields a projection leaves out, when it does nothing else: each of its fields top-level (no path, no
     * operator) with {@code 0} or {@code false}; {@code null} for any other projection.
     */
    static Set<String> topLevelExclusions(Document fieldSelector) {
        if (fieldSelector == null || fieldSelector.isEmpty()) {
            return null;
        }
        Set<String> leftOut = new HashSet<>();
        for (Map.Entry<String, Object> field : fieldSelector.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            boolean excluded = Boolean.FALSE.equals(value)
                    || (value instanceof Number number && number.doubleValue() == 0.0);
            if (!excluded || name.contains(".") || name.startsWith("$")) {
                return null;
            }
            leftOut.add(name);
        }
        return leftOut;
    }

    private static Document without(Document document, Set<String> leftOut) {
        if (document == null) {
            return null;
        }
        Document projected = new Document();
        for (Map.Entry<String, Object> field : document.entrySet()) {
            if (!leftOut.contains(field.getKey())) {
                projected.put(field.getKey(), field.getValue());
            }
        }
        return projected;
    }

    /** Puts a recovered document back, without journaling it again (before any index exists). */
    void restore(Document document) {
        super.addDocumentInternal(SharedStrings.STORE.share(document));
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        journal.put(getFullName(), Journal.keyOf(document, getIdField()), document);
        return super.addDocumentInternal(document);
    }

    /**
     * In a collection without id field (the indexes of a database) a document is its own key: an update changes the
     * key, so the old one is deleted, or replaying would bring the old document back (after a rename, the indexes
     * of the old name, and with them a collection of that name).
     */
    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        Object oldKey = Journal.keyOf(oldDocument, getIdField());
        Object newKey = Journal.keyOf(newDocument, getIdField());
        if (!Objects.equals(oldKey, newKey)) {
            journal.delete(getFullName(), oldKey);
        }
        journal.put(getFullName(), newKey, newDocument);
        super.handleUpdate(position, oldDocument, newDocument);
    }

    @Override
    protected void removeDocument(Integer position) {
        Document document = getDocument(position);
        if (document != null) {
            journal.delete(getFullName(), Journal.keyOf(document, getIdField()));
        }
        super.removeDocument(position);
    }

    /**
     * No size bookkeeping: it encodes every document on every write to keep {@code collStats} figures, which nothing
     * here reads, and it was the largest single cost of a write.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }
}
