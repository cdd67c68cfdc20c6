package dev.cascade.notification.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import dev.cascade.platform.store.StoreIndexes;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The delivery log, and the guarantee that each (obligation, kind, channel, recipient, deadline) is delivered once
 * (deadline: see {@link Delivery#deadline()}): a dispatcher
 * sends only what it has claimed, a claim is an insert under a unique index or an atomic take-over of a FAILED
 * attempt (or of a SENDING one whose lease has run out), and only the holder of the claim records the outcome.
 */
@Component
public class DeliveryLog {

    static final String COLLECTION = "deliveries";
    /** The unique index before a reminder's identity took its moved deadline: dropped at start where present. */
    static final String FORMER_UNIQUE_INDEX = "one_delivery_per_recipient";

    private final MongoTemplate mongo;

    public DeliveryLog(MongoTemplate mongo) {
        this.mongo = mongo;
        StoreIndexes.create(COLLECTION, () -> {
            var indexes = mongo.indexOps(COLLECTION);
            if (indexes.getIndexInfo().stream().anyMatch(index -> FORMER_UNIQUE_INDEX.equals(index.getName()))) {
                indexes.dropIndex(FORMER_UNIQUE_INDEX);
            }
            indexes.createIndex(new Index().on("obligationId", Sort.Direction.ASC).on("kind", Sort.Direction.ASC)
                    .on("channel", Sort.Direction.ASC).on("recipient", Sort.Direction.ASC)
                    .on("deadline", Sort.Direction.ASC).unique().named("one_delivery_per_recipient_and_deadline"));
            indexes.createIndex(new Index().on("unitCode", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC)
                    .named("by_unit"));
            indexes.createIndex(new Index().on("state", Sort.Direction.ASC).on("published", Sort.Direction.ASC)
                    .named("unpublished"));
        });
    }

    /** The outcome of a claim. */
    public sealed interface Claim {
        /** This dispatcher holds the delivery and must send it, then record the outcome. */
        record Claimed(Delivery delivery) implements Claim {
        }

        /** Someone has sent it, or is sending it now: leave it alone. */
        record Taken(DeliveryState state) implements Claim {
        }
    }

    /** {@link #claimAll} of one delivery. */
    Claim claim(Delivery candidate, Instant now) {
        return claimAll(List.of(candidate), now).get(0);
    }

    /**
     * Claims deliveries: inserts each candidate (state SENDING, with a fresh claim token and lease), all in one round
     * trip; a candidate whose delivery exists already (its insert's duplicate-key error) is taken over on its own if
     * its last attempt FAILED or its SENDING lease ended before {@code now}, else found taken.
     *
     * @return each candidate's claim, in the order given
     */
    public List<Claim> claimAll(List<Delivery> candidates, Instant now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<Integer> existing = new HashSet<>();
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION).insert(candidates).execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(error.getIndex());
            }
        }
        List<Claim> claims = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Delivery candidate = candidates.get(i);
            claims.add(existing.contains(i) ? reclaim(candidate, now) : new Claim.Claimed(candidate));
        }
        return claims;
    }

    /**
     * A failed delivery due for another attempt, or one whose holder's lease ran out, claimed again. Read by its unique
     * key, then changed only if its claim and state are still those read (a claim taken meanwhile has a new token).
     */
    private Claim reclaim(Delivery candidate, Instant now) {
        Delivery current = mongo.findOne(query(sameDelivery(candidate)), Delivery.class, COLLECTION);
        if (current == null) {
            return new Claim.Taken(DeliveryState.SENDING);
        }
        if (!reclaimable(current, now)) {
            return new Claim.Taken(current.state());
        }
        Delivery reclaimed = mongo.findAndModify(
                query(where("_id").is(current.id()).and("claimToken").is(current.claimToken())
                        .and("state").is(current.state())),
                new Update().set("state", DeliveryState.SENDING).set("claimToken", candidate.claimToken())
                        .set("claimedAt", candidate.claimedAt()).set("leaseUntil", candidate.leaseUntil())
                        .inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), Delivery.class, COLLECTION);
        if (reclaimed != null) {
            return new Claim.Claimed(reclaimed);
        }
        Delivery meanwhile = mongo.findOne(query(sameDelivery(candidate)), Delivery.class, COLLECTION);
        return new Claim.Taken(meanwhile == null ? DeliveryState.SENDING : meanwhile.state());
    }

    /** A failed attempt without a later time to try again, or whose time has come, or a claim whose lease ended. */
    private static boolean reclaimable(Delivery delivery, Instant now) {
        return switch (delivery.state()) {
            case FAILED -> delivery.nextAttemptAt() == null || !delivery.nextAttemptAt().isAfter(now);
            case SENDING -> delivery.leaseUntil() != null && delivery.leaseUntil().isBefore(now);
            default -> false;
        };
    }

    /** Records a successful send; empty if the claim was lost meanwhile (a lease ran out). */
    Optional<Delivery> markSent(Delivery claimed, Instant sentAt) {
        return markSentAll(List.of(claimed), sentAt).get(0);
    }

    /**
     * Records the successful sends of {@code claimed} in one round trip (a claim lost meanwhile, its lease run out and
     * the delivery claimed by another dispatcher, is not overwritten).
     *
     * @return each delivery as recorded, in the order given; empty for one whose claim was lost meanwhile
     */
    public List<Optional<Delivery>> markSentAll(List<Delivery> claimed, Instant sentAt) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        claimed.forEach(d -> bulk.updateOne(heldBy(d),
                new Update().set("state", DeliveryState.SENT).set("sentAt", sentAt).unset("lastError")));
        if (bulk.execute().getMatchedCount() == claimed.size()) {
            return claimed.stream().map(d -> Optional.of(sent(d, sentAt))).toList();
        }
        // some claim lapsed meanwhile and another dispatcher holds it now: which ones were recorded here
        Map<String, String> sentBy = mongo.find(query(where("_id").in(claimed.stream().map(Delivery::id).toList())
                        .and("state").is(DeliveryState.SENT)), Delivery.class, COLLECTION).stream()
                .collect(Collectors.toMap(Delivery::id, Delivery::claimToken));
        return claimed.stream().map(d -> d.claimToken().equals(sentBy.get(d.id())) ? Optional.of(sent(d, sentAt))
                : Optional.<Delivery>empty()).toList();
    }

    private static Delivery sent(Delivery d, Instant sentAt) {
        return new Delivery(d.id(), d.obligationId(), d.kind(), d.channel(), d.recipient(), d.unitCode(),
                d.obligationUnitCode(), d.programme(), d.period(), d.subject(), d.body(), d.link(), DeliveryState.SENT,
                d.claimToken(), d.claimedAt(), d.leaseUntil(), d.attempts(), sentAt, null, d.published(),
                d.createdAt(), d.nextAttemptAt(), d.deadline());
    }

    /** Records a failed attempt, so that the next dispatch tries again. */
    public void markFailed(Delivery claimed, String error) {
        markFailed(claimed, error, null, false);
    }

    /**
     * Records a failed attempt: tried again from {@code nextAttemptAt} ({@code null}: at the next dispatch), or, when
     * {@code giveUp}, never again (state GAVE_UP).
     */
    public void markFailed(Delivery claimed, String error, Instant nextAttemptAt, boolean giveUp) {
        mongo.updateFirst(heldBy(claimed), new Update()
                .set("state", giveUp ? DeliveryState.GAVE_UP : DeliveryState.FAILED).set("lastError", error)
                .set("nextAttemptAt", giveUp ? null : nextAttemptAt), COLLECTION);
    }

    /** Records that the broker acknowledged these deliveries' NotificationSent: one round trip for all. */
    public void markPublished(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        ids.forEach(id -> bulk.updateOne(query(where("_id").is(id)), new Update().set("published", true)));
        bulk.execute();
    }

    /** Deliveries made whose NotificationSent has not been acknowledged yet. */
    public List<Delivery> sentUnpublished() {
        return mongo.find(query(where("state").is(DeliveryState.SENT).and("published").is(false)),
                Delivery.class, COLLECTION);
    }

    /** Every delivery to the staff of {@code unitCode} or about its obligations, oldest first. */
    public List<Delivery> forUnit(String unitCode) {
        return mongo.find(query(new Criteria().orOperator(where("unitCode").is(unitCode),
                        where("obligationUnitCode").is(unitCode))).with(Sort.by("createdAt", "_id")),
                Delivery.class, COLLECTION);
    }

    public Optional<Delivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Delivery.class, COLLECTION));
    }

    private static Criteria sameDelivery(Delivery d) {
        return where("obligationId").is(d.obligationId()).and("kind").is(d.kind()).and("channel").is(d.channel())
                .and("recipient").is(d.recipient()).and("deadline").is(d.deadline());
    }

    private static org.springframework.data.mongodb.core.query.Query heldBy(Delivery claimed) {
        return query(where("_id").is(claimed.id()).and("claimToken").is(claimed.claimToken()));
    }
}
