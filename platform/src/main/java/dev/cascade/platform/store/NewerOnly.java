package dev.cascade.platform.store;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A service's copy of what another service owns (units, plans), kept by version: an event changes the copy only when
 * its version is newer than the stored one, so redelivered and reordered events change nothing.
 * <p>
 * A write reads the stored version by {@code _id}, then writes conditional on exactly {@code (_id, version)}. Both are
 * answered by an index on the embedded store (the unique index {@code id_version} made by {@link #NewerOnly}); a query
 * with {@code $lt} on the version scanned the whole collection there. A real MongoDB uses the {@code _id} index.
 */
public final class NewerOnly {

    /** The field holding the copy's version. */
    public static final String VERSION = "version";

    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final String collection;

    public NewerOnly(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
        StoreIndexes.create(collection, () -> {
            mongo.indexOps(collection).createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on(VERSION, Sort.Direction.ASC).unique().named("id_version"));
        });
    }

    /**
     * Applies {@code update} (which must set {@link #VERSION} to {@code version}) to the copy {@code id} if
     * {@code version} is newer than the stored one, or there is none.
     *
     * @return whether the copy changed
     */
    public boolean applyIfNewer(Object id, long version, Update update) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Query byId = query(where("_id").is(id));
            byId.fields().include(VERSION);
            Document stored = mongo.findOne(byId, Document.class, collection);
            long storedVersion = stored == null || stored.get(VERSION) == null ? -1
                    : ((Number) stored.get(VERSION)).longValue();
            if (stored != null && storedVersion >= version) {
                return false;
            }
            try {
                var result = mongo.upsert(query(where("_id").is(id).and(VERSION).is(storedVersion)), update,
                        collection);
                if (result.getModifiedCount() > 0 || result.getUpsertedId() != null) {
                    return true;
                }
            } catch (DuplicateKeyException raced) {
                // another writer stored a version meanwhile: read again
            }
        }
        return false;
    }
}
