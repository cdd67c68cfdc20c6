package dev.cascade.aggregation.hierarchy;

import dev.cascade.platform.store.InChunks;
import dev.cascade.aggregation.NotYetKnownException;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.store.NewerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;


import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The units this service has learnt from {@code cascade.units.v1}, and the hierarchy they form on a given day. */
@Component
public class UnitCopies {

    private static final Logger log = LoggerFactory.getLogger(UnitCopies.class);

    private final MongoTemplate mongo;
    private final NewerOnly copies;

    UnitCopies(MongoTemplate mongo) {
        this.mongo = mongo;
        this.copies = new NewerOnly(mongo, UnitCopy.COLLECTION);
    }

    /**
     * Keeps {@code unit} (its placements and predecessors) unless a copy of the same or a higher version is already
     * stored.
     *
     * @return whether the copy changed
     */
    public boolean keep(UnitUpserted unit) {
        boolean changed = copies.applyIfNewer(unit.code(), unit.version(), update(unit));
        if (!changed) {
            log.debug("unit {} version {} is not newer than the stored copy", unit.code(), unit.version());
        }
        return changed;
    }

    /**
     * Keeps each of {@code units} as {@link #keep} does, with one read and one bulk write (of several versions of a
     * unit, the highest).
     *
     * @return the codes of the units whose copy changed
     */
    public Set<String> keepAll(List<UnitUpserted> units) {
        Set<Object> changed = copies.applyAllIfNewer(units.stream()
                .map(unit -> new NewerOnly.Change(unit.code(), unit.version(), update(unit))).toList());
        Set<String> codes = new LinkedHashSet<>();
        changed.forEach(code -> codes.add((String) code));
        return codes;
    }

    private static Update update(UnitUpserted unit) {
        List<Placement> placements = unit.placements().stream().map(Placement::of).toList();
        return new Update().set("version", unit.version()).set("placements", placements)
                .set("predecessors", unit.predecessors());
    }

    public Optional<UnitCopy> find(String code) {
        return Optional.ofNullable(mongo.findById(code, UnitCopy.class));
    }

    public Map<String, UnitCopy> findAll(Collection<String> codes) {
        Map<String, UnitCopy> found = new HashMap<>();
        InChunks.forEach(codes, chunk -> mongo.find(query(where("_id").in(chunk)), UnitCopy.class)
                .forEach(u -> found.put(u.code(), u)));
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
}
