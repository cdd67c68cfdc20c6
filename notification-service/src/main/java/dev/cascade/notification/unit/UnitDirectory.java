package dev.cascade.notification.unit;

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
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The units copy: upserted by code, newer versions only. */
@Component
public class UnitDirectory {

    private static final Logger log = LoggerFactory.getLogger(UnitDirectory.class);

    private static final String COLLECTION = "units";

    private final MongoTemplate mongo;

    public UnitDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("version", Sort.Direction.ASC).unique().named("id_version"));
    }

    /** Applies the unit unless this copy already holds the same or a newer version. */
    public boolean apply(UnitUpserted unit) {
        UnitCopy copy = new UnitCopy(unit.code(), unit.placements(), unit.version());
        boolean changed = applyIfNewer(unit.code(), unit.version(),
                new Update().set("placements", copy.placements()).set("version", copy.version()));
        if (!changed) {
            log.debug("unit {} version {} is not newer than the copy, dropped", unit.code(), unit.version());
        }
        return changed;
    }

    public Optional<UnitCopy> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(mongo.findById(code, UnitCopy.class));
    }

    /**
     * The nearest ancestor of the unit (or the unit itself) at {@code level}, by the placements valid on {@code day};
     * empty when the chain is not (yet) known that far.
     */
    public Optional<String> ancestorAt(String code, dev.cascade.contracts.events.UnitLevel level, LocalDate day) {
        String current = code;
        for (int depth = 0; current != null && depth < 8; depth++) {
            var placement = find(current).flatMap(u -> u.placementOn(day));
            if (placement.isEmpty()) {
                return Optional.empty();
            }
            if (placement.get().level() == level) {
                return Optional.of(current);
            }
            current = placement.get().parentCode();
        }
        return Optional.empty();
    }

    /** The unit's name on a day, or its code when the unit is not (yet) known. */
    public String nameOn(String code, LocalDate day) {
        return find(code).map(u -> u.nameOn(day)).orElse(code);
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
