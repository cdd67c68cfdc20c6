package dev.cascade.notification.unit;

import dev.cascade.platform.store.InChunks;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.store.NewerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The units copy: upserted by code, newer versions only. */
@Component
public class UnitDirectory {

    private static final Logger log = LoggerFactory.getLogger(UnitDirectory.class);

    private static final String COLLECTION = "units";
    /** Steps up the tree a walk takes at most (commune, district, province, ministry: four today). */
    private static final int MAX_DEPTH = 8;

    private final MongoTemplate mongo;
    private final NewerOnly copies;
    private final AtomicLong changes = new AtomicLong();

    public UnitDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        this.copies = new NewerOnly(mongo, COLLECTION);
    }

    /** Applies the unit unless this copy already holds the same or a newer version. */
    public boolean apply(UnitUpserted unit) {
        UnitCopy copy = new UnitCopy(unit.code(), unit.placements(), unit.version());
        boolean changed = copies.applyIfNewer(unit.code(), unit.version(),
                new Update().set("placements", copy.placements()).set("version", copy.version()));
        if (changed) {
            changes.incrementAndGet();
        } else {
            log.debug("unit {} version {} is not newer than the copy, dropped", unit.code(), unit.version());
        }
        return changed;
    }

    /** How many units this instance has written since it started (a digest run that saw the same count may skip). */
    public long changes() {
        return changes.get();
    }

    public Optional<UnitCopy> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(mongo.findById(code, UnitCopy.class));
    }

    /**
     * A lookup for one pass over many units (a digest run, a batch of reminders): each unit is read once, many in one
     * query.
     */
    public Lookup lookup() {
        return new Lookup();
    }

    /**
     * The units as read during one pass: a unit read (or found missing) is not read again, so what a pass sees of
     * a unit does not change under it. Not thread-safe: one pass, one thread.
     */
    public final class Lookup {

        private final Map<String, Optional<UnitCopy>> read = new HashMap<>();

        private Lookup() {
        }

        /**
         * The nearest ancestor at {@code level} (or the unit itself) of each unit whose chain is known that far, by
         * the placements valid on {@code day}; units without one are left out. One query per step up the tree for
         * all the units together, e.g. three for communes under districts under provinces.
         */
        public Map<String, String> ancestorsAt(Collection<String> codes, UnitLevel level, LocalDate day) {
            Map<String, String> found = new HashMap<>();
            Map<String, String> reached = new HashMap<>(); // unit -> the unit its walk up has reached
            for (String code : codes) {
                if (code != null) {
                    reached.put(code, code);
                }
            }
            for (int depth = 0; !reached.isEmpty() && depth < MAX_DEPTH; depth++) {
                load(reached.values());
                Map<String, String> next = new HashMap<>();
                for (var walk : reached.entrySet()) {
                    Optional<UnitPlacement> placement = find(walk.getValue()).flatMap(u -> u.placementOn(day));
                    if (placement.isPresent() && placement.get().level() == level) {
                        found.put(walk.getKey(), walk.getValue());
                    } else if (placement.isPresent() && placement.get().parentCode() != null) {
                        next.put(walk.getKey(), placement.get().parentCode());
                    }
                }
                reached = next;
            }
            return found;
        }

        /** The unit's name on a day, or its code when the unit is not (yet) known. */
        public String nameOn(String code, LocalDate day) {
            return find(code).map(u -> u.nameOn(day)).orElse(code);
        }

        /** Reads the units of {@code codes} not read yet, {@link InChunks#SIZE} in one query at most. */
        public void load(Collection<String> codes) {
            List<String> unread = codes.stream().filter(c -> c != null && !read.containsKey(c)).distinct().toList();
            InChunks.forEach(unread, batch -> {
                mongo.find(query(where("_id").in(batch)), UnitCopy.class)
                        .forEach(unit -> read.put(unit.code(), Optional.of(unit)));
                batch.forEach(code -> read.putIfAbsent(code, Optional.empty()));
            });
        }

        private Optional<UnitCopy> find(String code) {
            if (code == null) {
                return Optional.empty();
            }
            if (!read.containsKey(code)) {
                read.put(code, UnitDirectory.this.find(code));
            }
            return read.get(code);
        }
    }
}
