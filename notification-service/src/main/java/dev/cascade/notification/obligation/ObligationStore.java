package dev.cascade.notification.obligation;

import com.mongodb.ErrorCategory;
import dev.cascade.platform.store.InChunks;
import dev.cascade.platform.store.StoreIndexes;
import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The tracked obligations, one document each, changed only by revision-guarded inserts and replaces. */
@Component
public class ObligationStore {

    static final String COLLECTION = "obligations";
    /**
     * The unit whose contacts an obligation's due reminder waits for: set with a later {@code nextReminderAt} when it
     * is put aside ({@link #putAside}), dropped by any replacement of the document (which stores the derived
     * {@code nextReminderAt} again) and by {@link #wake}. Not part of {@link TrackedObligation}.
     */
    static final String WAITING_FOR = "waitingFor";

    private final MongoTemplate mongo;

    public ObligationStore(MongoTemplate mongo) {
        this.mongo = mongo;
        StoreIndexes.create(COLLECTION, () -> {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("nextReminderAt", Sort.Direction.ASC)
                    .named("next_reminder"));
            // the digest reads a season's obligations on every run (of), and a programme's open ones (openOf)
            mongo.indexOps(COLLECTION).createIndex(new Index().on("programme", Sort.Direction.ASC)
                    .on("period", Sort.Direction.ASC).named("by_season"));
            // the digest asks for the seasons with open obligations near their deadline on every run (openSeasons);
            // once a season is reported, few are unfulfilled
            mongo.indexOps(COLLECTION).createIndex(new Index().on("fulfilled", Sort.Direction.ASC)
                    .on("deadline", Sort.Direction.ASC).named("open_by_deadline"));
            // the obligations put aside for want of contacts, woken when their audience gets some (wake): only
            // those carry the field
            mongo.indexOps(COLLECTION).createIndex(new Index().on(WAITING_FOR, Sort.Direction.ASC).sparse()
                    .named("waiting_for_contacts"));
        });
    }

    public Optional<TrackedObligation> find(String id) {
        return Optional.ofNullable(mongo.findById(id, TrackedObligation.class, COLLECTION));
    }

    /** The stored obligations of {@code ids} by id (those not stored are missing), in queries of {@link InChunks}. */
    public Map<String, TrackedObligation> findAll(Collection<String> ids) {
        Map<String, TrackedObligation> found = new HashMap<>();
        InChunks.forEach(ids, chunk -> mongo.find(query(where("_id").in(chunk)), TrackedObligation.class, COLLECTION)
                .forEach(o -> found.put(o.id(), o)));
        return found;
    }

    /**
     * Stores each of {@code obligations} as {@link #save} does, all in one unordered bulk write: a new one (expected
     * revision {@code null}) inserted at revision 0, a stored one replaced if it still has its expected revision.
     *
     * @return the ids that may not have been written (someone else inserted or changed them first): reload and decide
     *         again; all those replaced when any replacement found its revision changed, as the store counts them
     *         only in sum
     */
    public Set<String> saveAll(Map<String, Long> expectedRevisions, Collection<TrackedObligation> obligations) {
        if (obligations.isEmpty()) {
            return Set.of();
        }
        List<String> written = new ArrayList<>(); // in the bulk's order, which its errors' indexes refer to
        List<String> replaced = new ArrayList<>();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (TrackedObligation obligation : obligations) {
            Long expected = expectedRevisions.get(obligation.id());
            if (expected == null) {
                bulk.insert(obligation.withRevision(0));
            } else {
                bulk.replaceOne(query(where("_id").is(obligation.id()).and("revision").is(expected)),
                        obligation.withRevision(expected + 1));
                replaced.add(obligation.id());
            }
            written.add(obligation.id());
        }
        Set<String> conflicts = new HashSet<>();
        int matched;
        try {
            matched = bulk.execute().getMatchedCount();
        } catch (BulkOperationException partly) {
            for (var error : partly.getErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw partly;
                }
                conflicts.add(written.get(error.getIndex()));
            }
            matched = partly.getResult().getMatchedCount();
        }
        if (matched < replaced.size()) {
            conflicts.addAll(replaced);
        }
        return conflicts;
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

    /** An obligation to store in place of the one read at {@code expectedRevision} ({@link #replaceAll}). */
    public record Replacement(TrackedObligation obligation, long expectedRevision) {
    }

    /**
     * Replaces each stored obligation that still has its expected revision, as {@link #save} does, all in one
     * unordered bulk write.
     *
     * @return how many were not replaced: changed by someone else meanwhile (reload and decide again)
     */
    public int replaceAll(List<Replacement> replacements) {
        if (replacements.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        replacements.forEach(r -> bulk.replaceOne(query(where("_id").is(r.obligation().id())
                .and("revision").is(r.expectedRevision())), r.obligation().withRevision(r.expectedRevision() + 1)));
        return replacements.size() - bulk.execute().getMatchedCount();
    }

    /**
     * An obligation read at {@code revision} whose live reminder has nobody to go to: {@code audience} (the unit, or
     * its parent for an escalation) has no contacts.
     */
    public record Waiting(String id, long revision, String audience) {
    }

    /**
     * Puts each obligation aside until {@code until} (its {@code nextReminderAt}, which {@link #withReminderDue}
     * asks), marked as waiting for its audience's contacts, unless it changed since it was read (another revision):
     * the dispatcher then no longer reads it on every run only to find nobody to send to. A change of the obligation
     * (a replacement) or of the audience's contacts ({@link #wake}) makes it due again at once. One bulk write.
     *
     * @return how many were put aside
     */
    public int putAside(List<Waiting> waiting, Instant until) {
        if (waiting.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        waiting.forEach(w -> bulk.updateOne(query(where("_id").is(w.id()).and("revision").is(w.revision())),
                new Update().set("nextReminderAt", until).set(WAITING_FOR, w.audience())));
        return bulk.execute().getModifiedCount();
    }

    /**
     * Makes the obligations put aside for the contacts of any of {@code units} due at {@code now}: those units' contacts
     * changed. One write.
     *
     * @return how many were woken
     */
    public long wake(Collection<String> units, Instant now) {
        if (units.isEmpty()) {
            return 0;
        }
        return mongo.updateMulti(query(where(WAITING_FOR).in(units)),
                new Update().set("nextReminderAt", now).unset(WAITING_FOR), COLLECTION).getModifiedCount();
    }

    /** Open obligations with a pending reminder due by {@code now}, earliest first. */
    public Stream<TrackedObligation> withReminderDue(Instant now) {
        return mongo.stream(query(where("fulfilled").is(false).and("nextReminderAt").lte(now))
                .with(Sort.by("nextReminderAt")), TrackedObligation.class, COLLECTION);
    }

    /** The open (neither fulfilled nor closed) obligations of a programme. */
    public Stream<TrackedObligation> openOf(String programme) {
        return mongo.stream(query(where("fulfilled").is(false).and("closed").ne(true).and("programme").is(programme)),
                TrackedObligation.class, COLLECTION);
    }

    /** A (programme, period). */
    public record Season(String programme, String period) {
    }

    /**
     * The seasons that have an open (neither fulfilled nor closed) obligation, not of a plan in {@code revokedPlans},
     * whose deadline is after {@code after} and not after {@code until}. Reads two fields of each such obligation,
     * not the whole document: the digest asks this on every run.
     */
    public Set<Season> openSeasons(LocalDate after, LocalDate until, Set<String> revokedPlans) {
        Query open = query(where("fulfilled").is(false).and("closed").ne(true).and("deadline").gt(after).lte(until)
                .and("planId").nin(revokedPlans));
        open.fields().include("programme", "period");
        Set<Season> seasons = new LinkedHashSet<>();
        try (Stream<Document> found = mongo.stream(open, Document.class, COLLECTION)) {
            found.forEach(doc -> seasons.add(new Season(doc.getString("programme"), doc.getString("period"))));
        }
        return seasons;
    }

    /** Every obligation of (programme, period), fulfilled or not. */
    public List<TrackedObligation> of(String programme, String period) {
        return mongo.find(query(where("programme").is(programme).and("period").is(period)), TrackedObligation.class,
                COLLECTION);
    }

    /**
     * Whether the obligation is still owed under {@code deadline}: not fulfilled, not closed, its deadline not moved
     * (a dispatcher stops sending a reminder composed before one of these changes).
     */
    public boolean isOwedUnder(String id, LocalDate deadline) {
        return owedUnder(Map.of(id, deadline)).contains(id);
    }

    /**
     * Of the obligations given with the deadline a reminder was composed under, those still owed under it (see
     * {@link #isOwedUnder}), read in one query.
     */
    public Set<String> owedUnder(Map<String, LocalDate> deadlines) {
        if (deadlines.isEmpty()) {
            return Set.of();
        }
        Set<String> owed = new HashSet<>();
        mongo.find(query(where("_id").in(deadlines.keySet())), TrackedObligation.class, COLLECTION).forEach(o -> {
            if (o.owed() && Objects.equals(o.deadline(), deadlines.get(o.id()))) {
                owed.add(o.id());
            }
        });
        return owed;
    }
}
