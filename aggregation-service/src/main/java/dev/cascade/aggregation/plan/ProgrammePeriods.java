package dev.cascade.aggregation.plan;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The stored {@link ProgrammePeriod}s, written with optimistic concurrency on their revision, each write with a stamp
 * of its own. Every roll-up change reads its period afresh (a plan kept meanwhile may have changed it): a national
 * period carries the expected reporters beneath some 800 units (7.7 KB), which the store encoded and the service decoded
 * for each change. So the last copy read of each period is kept, and a read asks the store for the stamp only; the
 * whole document is read again when the stamp differs.
 */
@Component
public class ProgrammePeriods {

    /** Copies kept at most (programme periods are few: a programme has a handful of reporting periods). */
    static final int KEPT = 1_024;

    private final MongoTemplate mongo;
    /** The last copy read of each period, by id; only copies with a stamp. */
    private final Map<String, ProgrammePeriod> read = new ConcurrentHashMap<>();

    ProgrammePeriods(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The period as stored now: the copy read before when its stamp is still the stored one, else read whole. */
    public Optional<ProgrammePeriod> find(String programme, String period) {
        String id = ProgrammePeriod.id(programme, period);
        ProgrammePeriod known = read.get(id);
        if (known != null) {
            Query stampOnly = query(where("_id").is(id));
            stampOnly.fields().include("stamp");
            Document stored = mongo.findOne(stampOnly, Document.class, ProgrammePeriod.COLLECTION);
            if (stored == null) {
                read.remove(id);
                return Optional.empty();
            }
            if (known.stamp().equals(stored.getString("stamp"))) {
                return Optional.of(known);
            }
        }
        ProgrammePeriod current = mongo.findById(id, ProgrammePeriod.class);
        if (current == null || current.stamp() == null) {
            read.remove(id);
        } else {
            if (read.size() >= KEPT) {
                read.clear();
            }
            read.put(id, current);
        }
        return Optional.ofNullable(current);
    }

    /**
     * Replaces {@code previous} (or nothing) with {@code next}, as revision {@code previous.revision + 1}.
     *
     * @return {@code false} when someone else changed the document meanwhile (read again and retry)
     */
    boolean replace(ProgrammePeriod previous, ProgrammePeriod next) {
        if (previous == null) {
            try {
                mongo.insert(withRevision(next, 1));
                return true;
            } catch (DuplicateKeyException raced) {
                return false;
            }
        }
        return mongo.replace(query(where("_id").is(previous.id()).and("revision").is(previous.revision())),
                withRevision(next, previous.revision() + 1)).getMatchedCount() == 1;
    }

    /** {@code p} as revision {@code revision}, with a new stamp. */
    private static ProgrammePeriod withRevision(ProgrammePeriod p, long revision) {
        return new ProgrammePeriod(p.id(), p.programme(), p.period(), p.cutOffEnd(), p.rules(), p.expected(),
                p.plans(), revision, UUID.randomUUID().toString());
    }
}
