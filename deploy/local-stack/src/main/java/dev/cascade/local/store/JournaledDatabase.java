package dev.cascade.local.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database of {@link JournaledCollection}s. Opening it puts back what the journal recovered for its collections,
 * then lets the base class rebuild the collection list and indexes from its system collections, as the store's
 * other file-backed implementation does.
 */
final class JournaledDatabase extends AbstractSynchronizedMongoDatabase<Integer> {

    private final Journal journal;
    private final Map<String, LinkedHashMap<Object, Document>> recovered;

    JournaledDatabase(String databaseName, CursorRegistry cursorRegistry, Journal journal,
                      Map<String, LinkedHashMap<Object, Document>> recovered) {
        super(databaseName, cursorRegistry);
        this.journal = journal;
        this.recovered = recovered;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Integer> openOrCreateCollection(String collectionName, CollectionOptions options) {
        JournaledCollection collection = new JournaledCollection(this, collectionName, options, cursorRegistry,
                journal);
        LinkedHashMap<Object, Document> documents = recovered.remove(getFullCollectionNamespace(collectionName));
        if (documents != null) {
            documents.values().forEach(collection::restore);
        }
        return collection;
    }

    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                     boolean sparse) {
        return new MemoryUniqueIndex(indexName, keys, sparse);
    }

    /** A real non-unique index ({@link SecondaryIndex}), where the base class has none and scans. */
    @Override
    protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
        return new SecondaryIndex(indexName, keys, sparse);
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        String namespace = getFullCollectionNamespace(collectionName);
        super.dropCollection(collectionName, oplog);
        journal.drop(namespace);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String from = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        journal.rename(from, collection.getFullName());
    }

    @Override
    protected long getStorageSize() {
        return 0;
    }

    @Override
    protected long getFileSize() {
        return 0;
    }
}
