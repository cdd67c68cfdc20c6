package dev.cascade.report.programme;

import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingProgramme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The programmes of the issued plans, copied from {@code cascade.plans.v1}. */
@Component
public class Programmes {

    static final String COLLECTION = "programmes";

    private static final Logger log = LoggerFactory.getLogger(Programmes.class);

    private final MongoTemplate mongo;
    private final long cacheNanos;
    /** Programmes as recently read, for submissions: a national programme lists every reporting unit. */
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    private record Cached(Programme programme, long readAt) {
    }

    public Programmes(MongoTemplate mongo,
                      @Value("${cascade.reports.programme-cache:2s}") Duration cache) {
        this.mongo = mongo;
        this.cacheNanos = cache.toNanos();
    }

    /**
     * Keeps the programme of an issued or amended plan unless a newer version of that plan is already kept (a
     * duplicate or an older version changes nothing). Opened periods are kept as they are; their obligations follow
     * the new version once {@link #markReconciled} says so.
     *
     * @return the programme as now kept; empty when its code belongs to another plan
     */
    public Optional<Programme> record(PlanIssued plan) {
        ReportingProgramme programme = plan.programme();
        Update update = new Update()
                .set("planId", plan.planId())
                .set("planVersion", plan.version())
                .set("title", programme.title())
                .set("frequency", programme.frequency())
                .set("dataForm", programme.dataForm())
                .set("outline", programme.outline())
                .set("periods", programme.periods())
                .set("reportingUnits", plan.reportingUnits())
                .set("issuerUnitCode", plan.issuerUnitCode())
                .set("successions", plan.successions())
                .set("taskNumbers", plan.tasks().stream().map(PlanTask::number).toList());
        try {
            mongo.upsert(query(where("_id").is(programme.code()).and("planId").is(plan.planId())
                    .and("planVersion").lt(plan.version())), update, Programme.class, COLLECTION);
        } catch (DuplicateKeyException staleOrForeign) {
            // a newer version of this plan is kept, or the code belongs to another plan: see below
        }
        recent.remove(programme.code());
        Optional<Programme> kept = find(programme.code());
        if (kept.isPresent() && !kept.get().planId().equals(plan.planId())) {
            log.warn("Programme {} of plan {} ignored: the code already belongs to plan {}", programme.code(),
                    plan.planId(), kept.get().planId());
            return Optional.empty();
        }
        return kept;
    }

    /**
     * Marks the programme of a revoked plan: from then on no report is taken under it. Only a revocation newer than
     * the kept version of that plan counts (a redelivery or a stale one changes nothing).
     *
     * @return whether the programme was marked now
     */
    public boolean revoke(PlanRevoked revoked) {
        var result = mongo.updateMulti(query(where("planId").is(revoked.planId()).and("planVersion")
                        .lt(revoked.version())),
                new Update().set("revokedOn", revoked.revokedOn()).set("planVersion", revoked.version()),
                Programme.class, COLLECTION);
        recent.clear();
        return result.getModifiedCount() > 0;
    }

    /** The programmes of a plan (one, unless its code changed between versions). */
    public List<Programme> ofPlan(String planId) {
        return mongo.find(query(where("planId").is(planId)), Programme.class, COLLECTION);
    }

    /** Records that the opened periods' obligations follow plan version {@code version} (never goes down). */
    public void markReconciled(String code, long version) {
        mongo.updateFirst(query(where("_id").is(code)), new Update().max("obligationsVersion", version),
                Programme.class, COLLECTION);
        recent.remove(code);
    }

    public Optional<Programme> find(String code) {
        return Optional.ofNullable(mongo.findById(code, Programme.class, COLLECTION));
    }

    /**
     * The programme as read at most {@code cascade.reports.programme-cache} ago (default 2 s), without its reporting
     * units and their successions (so without {@link Programme#reporters}): what submissions are checked against. A plan applied by this instance is seen at once, one applied by another instance within that
     * time.
     */
    public Optional<Programme> findRecent(String code) {
        Cached cached = recent.get(code);
        if (cached != null && System.nanoTime() - cached.readAt() < cacheNanos) {
            return Optional.of(cached.programme());
        }
        // one read per programme at a time (the others wait for it), without the reporting units and their
        // successions: a national programme lists ten thousand (2.6 MB with the successions, read every 2 s under a
        // burst), and a submission needs neither
        Cached read = recent.compute(code, (c, old) -> {
            long now = System.nanoTime();
            if (old != null && now - old.readAt() < cacheNanos) {
                return old;
            }
            Programme programme = mongo.findOne(outline(query(where("_id").is(c))), Programme.class, COLLECTION);
            return programme == null ? null : new Cached(programme, now);
        });
        return Optional.ofNullable(read).map(Cached::programme);
    }

    /**
     * Every programme without its reporting units and their successions (so without {@link Programme#reporters}):
     * enough to see which have periods to open or obligations to reconcile.
     */
    public List<Programme> allOutlines() {
        return mongo.find(outline(new Query()), Programme.class, COLLECTION);
    }

    /** {@code query} reading a programme without its reporting units and their successions. */
    private static Query outline(Query query) {
        query.fields().exclude("reportingUnits").exclude("successions");
        return query;
    }

    /** Records that a period's obligations are open, which freezes its expected reporters. */
    public void markOpened(String code, String periodId) {
        mongo.updateFirst(query(where("_id").is(code)), new Update().addToSet("openedPeriods", periodId),
                Programme.class, COLLECTION);
        recent.remove(code);
    }
}
