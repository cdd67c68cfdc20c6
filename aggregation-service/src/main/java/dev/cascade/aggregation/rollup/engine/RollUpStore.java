package dev.cascade.aggregation.rollup.engine;

import dev.cascade.platform.store.StoreIndexes;
import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Roll-up documents; every write is conditional on the revision that was read (optimistic concurrency). The documents
 * are written and read by {@link RollUpBson}, not by Spring Data's mapping.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RollUpStore implements InitializingBean {

    /** How many roll-ups {@link #findForUpdate} keeps as this instance last wrote or read them (least recently used go). */
    static final int REMEMBERED = 2_048;

    private final MongoTemplate mongo;
    private final Map<String, RollUpDocument> latest = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RollUpDocument> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /** Secondary indexes for the refresh and flush queries (a real MongoDB uses them; the embedded one ignores them);
     * the conditional writes, on (_id, revision), are answered by the _id index. */
    @Override
    public void afterPropertiesSet() {
        StoreIndexes.create(mongo.getCollectionName(RollUpDocument.class), () -> {
            var indexes = mongo.indexOps(RollUpDocument.class);
            indexes.createIndex(new Index().on("programme", Sort.Direction.ASC).on("period", Sort.Direction.ASC)
                    .on("unitCode", Sort.Direction.ASC));
            indexes.createIndex(new Index().on("unitCode", Sort.Direction.ASC));
            indexes.createIndex(new Index().on("hasPending", Sort.Direction.ASC));
        });
    }

    public Optional<RollUpDocument> find(String id) {
        return Optional.ofNullable(mongo.execute(RollUpDocument.COLLECTION,
                rollUps -> rollUps.find(Filters.eq("_id", id)).first())).map(RollUpBson::read);
    }

    /**
     * The roll-up to update: as this instance last wrote or read it, else as stored. Every write is conditional on the
     * revision read, so a roll-up another instance wrote since is not overwritten: the write finds no match, this
     * instance forgets its copy, and the caller reads again ({@link #replace}). An update then costs one store round
     * trip instead of two (the read sent the whole document back, often the largest reply the store wrote).
     */
    Optional<RollUpDocument> findForUpdate(String id) {
        RollUpDocument known = latest.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<RollUpDocument> read = find(id);
        read.ifPresent(document -> latest.put(id, document));
        return read;
    }

    /**
     * Writes {@code next} in place of {@code previous} (or as a new document).
     *
     * @return the stored document, or empty when another writer got there first (read again and retry)
     */
    Optional<RollUpDocument> replace(RollUpDocument previous, RollUpDocument next) {
        Optional<RollUpDocument> stored;
        try {
            stored = write(previous, next);
        } catch (RuntimeException unknown) {
            latest.remove(next.id());
            throw unknown;
        }
        stored.ifPresentOrElse(document -> latest.put(document.id(), document), () -> latest.remove(next.id()));
        return stored;
    }

    private Optional<RollUpDocument> write(RollUpDocument previous, RollUpDocument next) {
        if (previous == null) {
            RollUpDocument first = withRevision(next, 1);
            try {
                mongo.execute(RollUpDocument.COLLECTION, rollUps -> rollUps.insertOne(RollUpBson.write(first)));
                return Optional.of(first);
            } catch (DuplicateKeyException raced) {
                return Optional.empty();
            }
        }
        RollUpDocument stored = withRevision(next, previous.revision() + 1);
        long matched = mongo.execute(RollUpDocument.COLLECTION, rollUps -> rollUps.replaceOne(
                Filters.and(Filters.eq("_id", previous.id()), Filters.eq("revision", previous.revision())),
                RollUpBson.write(stored))).getMatchedCount();
        return matched == 1 ? Optional.of(stored) : Optional.empty();
    }

    /** Clears the pending events of {@code sent}, unless the document changed since (then they stay for later). */
    boolean clearPending(RollUpDocument sent) {
        boolean cleared = false;
        try {
            cleared = mongo.updateFirst(revisionQuery(sent), cleared(sent), RollUpDocument.class).getMatchedCount() == 1;
        } finally {
            remember(List.of(sent), cleared);
        }
        return cleared;
    }

    /**
     * {@link #clearPending} for many roll-ups in one round trip (the roll-ups a batch changed), each unless it
     * changed since.
     *
     * @return how many were cleared
     */
    int clearPendingAll(Collection<RollUpDocument> sent) {
        if (sent.isEmpty()) {
            return 0;
        }
        BulkOperations clears = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RollUpDocument.class);
        sent.forEach(rollUp -> clears.updateOne(revisionQuery(rollUp), cleared(rollUp)));
        int matched = 0;
        try {
            matched = clears.execute().getMatchedCount();
        } finally {
            // which of them matched, the result does not say: remembered only when all did
            remember(sent, matched == sent.size());
        }
        return matched;
    }

    /** After clearing {@code sent}: each as now stored when {@code cleared}, else forgotten (read again next time). */
    private void remember(Collection<RollUpDocument> sent, boolean cleared) {
        for (RollUpDocument rollUp : sent) {
            if (cleared) {
                latest.put(rollUp.id(), withRevision(rollUp.withPending(List.of()), rollUp.revision() + 1));
            } else {
                latest.remove(rollUp.id());
            }
        }
    }

    private static Update cleared(RollUpDocument sent) {
        return new Update().set("pending", List.of()).set("hasPending", false).set("revision", sent.revision() + 1);
    }

    /** Every roll-up of {@code unitCode} under {@code programme}, whatever the period. */
    public List<RollUpDocument> ofUnit(String programme, String unitCode) {
        return findAll(Filters.and(Filters.eq("programme", programme), Filters.eq("unitCode", unitCode)));
    }

    /** The roll-ups of these units for one (programme, period). */
    public List<RollUpDocument> ofUnits(String programme, String period, Collection<String> unitCodes) {
        return findAll(Filters.and(Filters.eq("programme", programme), Filters.eq("period", period),
                Filters.in("unitCode", unitCodes)));
    }

    private List<RollUpDocument> findAll(Bson filter) {
        List<RollUpDocument> found = new ArrayList<>();
        mongo.execute(RollUpDocument.COLLECTION, rollUps -> rollUps.find(filter).map(RollUpBson::read).into(found));
        return found;
    }

    List<String> idsWithPending() {
        return ids(query(where("hasPending").is(true)));
    }

    List<String> ids(String programme, String period) {
        return ids(query(where("programme").is(programme).and("period").is(period)));
    }

    List<String> ids(String programme, String period, Collection<String> unitCodes) {
        return ids(query(where("programme").is(programme).and("period").is(period).and("unitCode").in(unitCodes)));
    }

    /** The roll-ups of these units under {@code programme}, whatever the period. */
    List<String> idsOfUnits(String programme, Collection<String> unitCodes) {
        return ids(query(where("programme").is(programme).and("unitCode").in(unitCodes)));
    }

    private List<String> ids(Query query) {
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, RollUpDocument.COLLECTION).stream()
                .map(d -> d.getString("_id")).toList();
    }

    private static Query revisionQuery(RollUpDocument document) {
        return query(where("_id").is(document.id()).and("revision").is(document.revision()));
    }

    private static RollUpDocument withRevision(RollUpDocument d, long revision) {
        return new RollUpDocument(d.id(), d.programme(), d.period(), d.unitCode(), d.seq(), d.level(),
                d.parentCode(), d.asOf(), d.children(), d.rules(), d.values(), d.completeness(), d.targets(),
                d.revokedPlans(), d.pending(), d.hasPending(), revision);
    }
}
