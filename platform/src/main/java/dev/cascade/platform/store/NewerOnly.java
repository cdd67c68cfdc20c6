package dev.cascade.platform.store;

import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * A service's copy of what another service owns (units, plans), kept by version: an event changes the copy only when
 * its version is newer than the stored one, so redelivered and reordered events change nothing.
 * <p>
 * A write reads the stored version by {@code _id}, then writes conditional on exactly {@code (_id, version)}; both
 * are answered by the {@code _id} index.
 * <p>
 * {@link #applyAllIfNewer} does the same for many copies with one read and one bulk write (a replay from offset 0
 * brings some 10,000 units, which one at a time took a fresh aggregation-service 25–30 s).
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

    /** One change of a copy: {@code update} must set {@link #VERSION} to {@code version}. */
    public record Change(Object id, long version, Update update) {
    }

    /**
     * Applies each change as {@link #applyIfNewer} does, all in one read of the stored versions and one unordered bulk
     * write; of several changes of one copy only the highest version counts. A conditional write that met another
     * writer (the copy stored meanwhile) is applied again alone.
     *
     * @return the ids of the copies that changed, in the order of {@code changes}
     */
    public Set<Object> applyAllIfNewer(List<Change> changes) {
        Map<Object, Change> newest = new LinkedHashMap<>();
        changes.forEach(c -> newest.merge(c.id(), c, (kept, next) -> next.version() > kept.version() ? next : kept));
        if (newest.isEmpty()) {
            return Set.of();
        }
        Map<Object, Long> versions = new HashMap<>();
        InChunks.forEach(newest.keySet(), chunk -> {
            Query stored = query(where("_id").in(chunk));
            stored.fields().include(VERSION);
            mongo.find(stored, Document.class, collection).forEach(d -> versions.put(d.get("_id"),
                    d.get(VERSION) == null ? -1 : ((Number) d.get(VERSION)).longValue()));
        });
        List<Change> newer = new ArrayList<>();
        newest.values().forEach(c -> {
            if (!versions.containsKey(c.id()) || versions.get(c.id()) < c.version()) {
                newer.add(c);
            }
        });
        if (newer.isEmpty()) {
            return Set.of();
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        newer.forEach(c -> writes.upsert(query(where("_id").is(c.id()).and(VERSION)
                .is(versions.getOrDefault(c.id(), -1L))), c.update()));
        Set<Object> changed = new LinkedHashSet<>();
        newer.forEach(c -> changed.add(c.id()));
        try {
            writes.execute();
        } catch (BulkOperationException raced) {
            for (BulkWriteError error : raced.getErrors()) {
                Change change = newer.get(error.getIndex());
                if (!applyIfNewer(change.id(), change.version(), change.update())) {
                    changed.remove(change.id());
                }
            }
        } catch (DuplicateKeyException raced) {
            // a store that answers the whole bulk with the first conflict: each again alone (the others' writes hold)
            for (Change change : newer) {
                if (!applyIfNewer(change.id(), change.version(), change.update())) {
                    changed.remove(change.id());
                }
            }
        }
        return changed;
    }
}
