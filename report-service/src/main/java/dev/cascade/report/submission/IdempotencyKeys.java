package dev.cascade.report.submission;

import lombok.RequiredArgsConstructor;
import lombok.AccessLevel;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * {@code Idempotency-Key}s of submissions: one document per (unit, key), its id {@code unit|key} (unique), holding the
 * fingerprint of the request and, once known, its result. The key is claimed before the report is written; the
 * report version itself carries the key, so the first request that comes again with it finds that version and
 * completes the claim with its result (the submission does not: one write less per report, and replays are rare).
 * A claim without a version 30 s after it was made is taken over: its request never wrote its report.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class IdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";

    /** A claimed key; {@code reportId} is set once the submission it guards is written. */
    record Claim(String id, String unitCode, String key, String fingerprint, Instant claimedAt, String reportId,
                 Integer version, Boolean late) {

        boolean completed() {
            return reportId != null;
        }

        Submissions.Accepted result() {
            return new Submissions.Accepted(reportId, version, Boolean.TRUE.equals(late));
        }
    }

    private final MongoTemplate mongo;

    static String idOf(String unitCode, String key) {
        return unitCode + "|" + key;
    }

    Optional<Claim> find(String unitCode, String key) {
        return Optional.ofNullable(mongo.findById(idOf(unitCode, key), Claim.class, COLLECTION));
    }

    /** Claims the key; false when someone else claimed it first. */
    boolean claim(String unitCode, String key, String fingerprint, Instant now) {
        try {
            mongo.insert(new Claim(idOf(unitCode, key), unitCode, key, fingerprint, now, null, null, null), COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Takes over a claim whose holder never completed it (crashed before writing the report). */
    boolean takeOver(Claim stale, Instant now) {
        return mongo.updateFirst(query(where("_id").is(stale.id()).and("claimedAt").is(stale.claimedAt())
                        .and("reportId").is(null)),
                new Update().set("claimedAt", now), Claim.class, COLLECTION).getModifiedCount() > 0;
    }

    void complete(String unitCode, String key, Submissions.Accepted accepted) {
        mongo.updateFirst(query(where("_id").is(idOf(unitCode, key))),
                new Update().set("reportId", accepted.reportId()).set("version", accepted.version())
                        .set("late", accepted.late()), Claim.class, COLLECTION);
    }
}
