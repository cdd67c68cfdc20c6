package dev.cascade.notification.obligation;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The tracked obligations, one document each, changed only by revision-guarded inserts and replaces. */
@Component
public class ObligationStore {

    static final String COLLECTION = "obligations";

    private final MongoTemplate mongo;

    public ObligationStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("nextReminderAt", Sort.Direction.ASC).named("next_reminder"));
        // Unique indexes on exactly the fields of the revision-guarded replace and of isFulfilled: the embedded
        // store answers a query by index only then (otherwise it scans the collection); redundant on a real MongoDB.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("revision", Sort.Direction.ASC).unique().named("id_revision"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("fulfilled", Sort.Direction.ASC).unique().named("id_fulfilled"));
    }

    public Optional<TrackedObligation> find(String id) {
        return Optional.ofNullable(mongo.findById(id, TrackedObligation.class, COLLECTION));
    }

    /**
     * Stores a new obligation (revision 0) or replaces the stored one if it still has {@code expectedRevision}.
     *
     * @return false when someone else changed or inserted it first: reload and decide again
     */
    public boolean save(TrackedObligation obligation, Long expectedRevision) {
        if (expectedRevision == null) {
            try {
                mongo.insert(obligation.withRevision(0), COLLECTION);
                return true;
            } catch (org.springframework.dao.DuplicateKeyException taken) {
                return false;
            }
        }
        var result = mongo.replace(query(where("_id").is(obligation.id()).and("revision").is(expectedRevision)),
                obligation.withRevision(expectedRevision + 1), COLLECTION);
        return result.getMatchedCount() == 1;
    }

    /** Open obligations with a pending reminder due by {@code now}, earliest first. */
    public Stream<TrackedObligation> withReminderDue(Instant now) {
        return mongo.stream(query(where("fulfilled").is(false).and("nextReminderAt").lte(now))
                .with(Sort.by("nextReminderAt")), TrackedObligation.class, COLLECTION);
    }

    /** The open (not fulfilled) obligations of a programme. */
    public Stream<TrackedObligation> openOf(String programme) {
        return mongo.stream(query(where("fulfilled").is(false).and("programme").is(programme)),
                TrackedObligation.class, COLLECTION);
    }

    /** Every open obligation, whatever its programme. */
    public Stream<TrackedObligation> open() {
        return mongo.stream(query(where("fulfilled").is(false)), TrackedObligation.class, COLLECTION);
    }

    /** Every obligation of (programme, period), fulfilled or not. */
    public java.util.List<TrackedObligation> of(String programme, String period) {
        return mongo.find(query(where("programme").is(programme).and("period").is(period)), TrackedObligation.class,
                COLLECTION);
    }

    public boolean isFulfilled(String id) {
        return mongo.exists(query(where("_id").is(id).and("fulfilled").is(true)), COLLECTION);
    }
}
