package dev.cascade.report.unit;

import dev.cascade.contracts.events.UnitUpserted;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The copy of the administrative units that report-service keeps from {@code cascade.units.v1}. */
@Component("unitCopy")
public class Units {

    static final String COLLECTION = "units";

    private final MongoTemplate mongo;
    /**
     * Codes known to exist. A unit is never deleted (a unit that ceases keeps its past placements), so a code once
     * found stays known; codes not found are not remembered, since they may arrive at any time.
     */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public Units(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("version", Sort.Direction.ASC).unique().named("id_version"));
    }

    /**
     * Keeps the unit if it is newer than the copy: a duplicate or an older version changes nothing.
     *
     * @return whether the copy changed
     */
    public boolean upsert(UnitUpserted unit) {
        boolean changed = applyIfNewer(unit.code(), unit.version(),
                new Update().set("placements", unit.placements()).set("version", unit.version()));
        known.add(unit.code());
        return changed;
    }

    /** Whether the unit is known; answered from memory once it has been seen. */
    public boolean exists(String code) {
        if (known.contains(code)) {
            return true;
        }
        boolean found = find(code).isPresent();
        if (found) {
            known.add(code);
        }
        return found;
    }

    public Optional<UnitCopy> find(String code) {
        return Optional.ofNullable(mongo.findById(code, UnitCopy.class, COLLECTION));
    }

    public List<UnitCopy> findAll(Collection<String> codes) {
        return mongo.find(query(where("_id").in(codes)), UnitCopy.class, COLLECTION);
    }

    /**
     * Applies {@code update} to the copy of {@code code} if {@code version} is newer than the stored one, or there is
     * none: reads the stored version by {@code _id}, then writes conditional on exactly {@code (_id, version)}. Both
     * are answered by an index on the embedded store (unique index {@code id_version}); a query with {@code $lt} on the
     * version scanned the collection for every unit.
     *
     * @return whether the copy changed
     */
    private boolean applyIfNewer(String code, long version, Update update) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Query byCode = query(where("_id").is(code));
            byCode.fields().include("version");
            org.bson.Document stored = mongo.findOne(byCode, org.bson.Document.class, COLLECTION);
            long storedVersion = stored == null || stored.get("version") == null ? -1
                    : ((Number) stored.get("version")).longValue();
            if (stored != null && storedVersion >= version) {
                return false;
            }
            try {
                var result = mongo.upsert(query(where("_id").is(code).and("version").is(storedVersion)), update,
                        COLLECTION);
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
