package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Objects;

/**
 * An in-memory collection whose every change is appended to the {@link Journal} before it is answered, and whose
 * query replies are cut into {@link ReplyBatches} of at most 16 MiB, as MongoDB's are.
 */
final class JournaledCollection extends MemoryCollection {

    private final Journal journal;
    private final int replyBytes;

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

    /** Puts a recovered document back, without journaling it again (before any index exists). */
    void restore(Document document) {
        super.addDocumentInternal(document);
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
