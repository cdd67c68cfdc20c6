package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

import java.util.Objects;

/** An in-memory collection whose every change is appended to the {@link Journal} before it is answered. */
final class JournaledCollection extends MemoryCollection {

    private final Journal journal;

    JournaledCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                        CursorRegistry cursorRegistry, Journal journal) {
        super(database, collectionName, options, cursorRegistry);
        this.journal = journal;
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
