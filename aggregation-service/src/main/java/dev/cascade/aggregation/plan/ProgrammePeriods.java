package dev.cascade.aggregation.plan;

import dev.cascade.platform.store.StoreIndexes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The stored {@link ProgrammePeriod}s, written with optimistic concurrency on their revision. */
@Component
public class ProgrammePeriods {

    private final MongoTemplate mongo;

    ProgrammePeriods(MongoTemplate mongo) {
        this.mongo = mongo;
        // writes are conditional on (_id, revision): a unique index on exactly those fields lets the embedded store
        // answer them without scanning (it ignores non-unique indexes); redundant on a real MongoDB
        StoreIndexes.create(mongo.getCollectionName(ProgrammePeriod.class), () -> {
            mongo.indexOps(ProgrammePeriod.class).createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on("revision", Sort.Direction.ASC).unique().named("id_revision"));
        });
    }

    public Optional<ProgrammePeriod> find(String programme, String period) {
        return Optional.ofNullable(mongo.findById(ProgrammePeriod.id(programme, period), ProgrammePeriod.class));
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

    private static ProgrammePeriod withRevision(ProgrammePeriod p, long revision) {
        return new ProgrammePeriod(p.id(), p.programme(), p.period(), p.cutOffEnd(), p.rules(), p.expected(),
                p.plans(), revision);
    }
}
