package dev.cascade.report.unit;

import dev.cascade.contracts.events.UnitUpserted;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The copy of the administrative units that report-service keeps from {@code cascade.units.v1}. */
@Component("unitCopy")
public class Units {

    static final String COLLECTION = "units";

    private final MongoTemplate mongo;

    public Units(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps the unit if it is newer than the copy: a duplicate or an older version changes nothing.
     *
     * @return whether the copy changed
     */
    public boolean upsert(UnitUpserted unit) {
        try {
            var result = mongo.upsert(query(where("_id").is(unit.code()).and("version").lt(unit.version())),
                    new Update().set("placements", unit.placements()).set("version", unit.version()),
                    UnitCopy.class, COLLECTION);
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException stale) {
            return false;
        }
    }

    public Optional<UnitCopy> find(String code) {
        return Optional.ofNullable(mongo.findById(code, UnitCopy.class, COLLECTION));
    }

    public List<UnitCopy> findAll(Collection<String> codes) {
        return mongo.find(query(where("_id").in(codes)), UnitCopy.class, COLLECTION);
    }
}
