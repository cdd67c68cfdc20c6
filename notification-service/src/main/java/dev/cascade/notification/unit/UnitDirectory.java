package dev.cascade.notification.unit;

import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.store.NewerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;


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
    private final NewerOnly copies;

    public UnitDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.copies = new NewerOnly(mongo, COLLECTION);
    }

    /** Applies the unit unless this copy already holds the same or a newer version. */
    public boolean apply(UnitUpserted unit) {
        UnitCopy copy = new UnitCopy(unit.code(), unit.placements(), unit.version());
        boolean changed = copies.applyIfNewer(unit.code(), unit.version(),
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
}
