package dev.cascade.aggregation.hierarchy;

import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.contracts.events.UnitUpserted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The units this service has learnt from {@code cascade.units.v1}, and the hierarchy they form on a given day. */
@Component
public class UnitCopies {

    private static final Logger log = LoggerFactory.getLogger(UnitCopies.class);

    private final MongoTemplate mongo;

    UnitCopies(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(UnitCopy.COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("version", Sort.Direction.ASC).unique().named("id_version"));
    }

    /**
     * Keeps {@code unit} (its placements and predecessors) unless a copy of the same or a higher version is already
     * stored.
     *
     * @return whether the copy changed
     */
    public boolean keep(UnitUpserted unit) {
        List<Placement> placements = unit.placements().stream().map(Placement::of).toList();
        boolean changed = applyIfNewer(unit.code(), unit.version(), new Update().set("version", unit.version())
                .set("placements", placements).set("predecessors", unit.predecessors()));
        if (!changed) {
            log.debug("unit {} version {} is not newer than the stored copy", unit.code(), unit.version());
        }
        return changed;
    }

    public Optional<UnitCopy> find(String code) {
        return Optional.ofNullable(mongo.findById(code, UnitCopy.class));
    }

    public Map<String, UnitCopy> findAll(Collection<String> codes) {
        Map<String, UnitCopy> found = new HashMap<>();
        mongo.find(query(where("_id").in(codes)), UnitCopy.class).forEach(u -> found.put(u.code(), u));
        return found;
    }

    /**
     * Where {@code code} sits on {@code day}; empty when the unit is known but had no placement that day.
     *
     * @throws NotYetKnownException when the unit has not arrived yet
     */
    public Optional<Placement> placementOn(String code, LocalDate day) {
        return find(code).orElseThrow(() -> new NotYetKnownException("unit " + code + " is not known yet"))
                .placementOn(day);
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
            org.bson.Document stored = mongo.findOne(byCode, org.bson.Document.class, UnitCopy.COLLECTION);
            long storedVersion = stored == null || stored.get("version") == null ? -1
                    : ((Number) stored.get("version")).longValue();
            if (stored != null && storedVersion >= version) {
                return false;
            }
            try {
                var result = mongo.upsert(query(where("_id").is(code).and("version").is(storedVersion)), update,
                        UnitCopy.COLLECTION);
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
