package dev.cascade.report.unit;

import dev.cascade.platform.store.InChunks;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.store.NewerOnly;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;


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
    private final NewerOnly copies;
    /**
     * Codes known to exist. A unit is never deleted (a unit that ceases keeps its past placements), so a code once
     * found stays known; codes not found are not remembered, since they may arrive at any time.
     */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public Units(MongoTemplate mongo) {
        this.mongo = mongo;
        this.copies = new NewerOnly(mongo, COLLECTION);
    }

    /**
     * Keeps the unit if it is newer than the copy: a duplicate or an older version changes nothing.
     *
     * @return whether the copy changed
     */
    public boolean upsert(UnitUpserted unit) {
        boolean changed = copies.applyIfNewer(unit.code(), unit.version(),
                new Update().set("placements", unit.placements()).set("version", unit.version()));
        known.add(unit.code());
        return changed;
    }

    /** Whether the unit is known; answered from memory once it has been seen. */
    public boolean exists(String code) {
        if (known.contains(code)) {
            return true;
        }
        return find(code).isPresent();
    }

    /** The unit's copy; a unit found is known from then on ({@link #exists}). */
    public Optional<UnitCopy> find(String code) {
        UnitCopy unit = mongo.findById(code, UnitCopy.class, COLLECTION);
        if (unit != null) {
            known.add(code);
        }
        return Optional.ofNullable(unit);
    }

    public List<UnitCopy> findAll(Collection<String> codes) {
        List<UnitCopy> found = new java.util.ArrayList<>(codes.size());
        InChunks.forEach(codes, chunk -> found.addAll(mongo.find(query(where("_id").in(chunk)), UnitCopy.class,
                COLLECTION)));
        return found;
    }
}
