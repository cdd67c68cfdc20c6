package dev.cascade.aggregation.plan;

import dev.cascade.contracts.events.PlanRevoked;
import dev.cascade.contracts.events.RevokedPlan;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The plans this service has learnt from {@code cascade.plans.v1}. */
@Component
public class PlanCopies {

    private static final Logger log = LoggerFactory.getLogger(PlanCopies.class);
    private static final int MAX_ISSUERS = 10_000;

    private final MongoTemplate mongo;
    private final long snapshotNanos;
    /** The plans by programme, without their reporting units, as read at {@code readAt}; null when to be read again. */
    private volatile Snapshot snapshot;
    /**
     * Grows with every plan this instance keeps: a snapshot read before it (even one stored a moment after the write,
     * by a thread that had started reading earlier) is read again.
     */
    private final AtomicLong generation = new AtomicLong();
    /**
     * The plans of the last snapshot by id, without their reporting units: a snapshot reads every plan's id and
     * version, and a whole plan only when it is new or its version changed. A national plan carries the successions of
     * ten thousand reporting units (2.6 MB); reading them all every {@code plan-cache} under a burst kept the store busy.
     */
    private final Map<String, PlanCopy> bodies = new ConcurrentHashMap<>();
    /**
     * The issuer's role holder by plan, version and day. Working it out reads all of a plan's successions (some
     * 10,000 for a national plan after the reform), and every snapshot asked it again for every plan: 8 % of
     * aggregation-service's CPU in the benchmark's burst. A plan's version names its content, as for {@link #bodies}.
     */
    private final Map<String, String> issuers = new ConcurrentHashMap<>();

    /**
     * @param issuersOn per {@code programme|day}: the programme's plans by the unit holding their issuer's role on
     *                  that day, filled as roll-ups ask (and dropped with the snapshot)
     */
    private record Snapshot(Map<String, List<PlanCopy>> byProgramme, long readAt, long generation,
                            Map<String, Map<String, List<PlanCopy>>> issuersOn) {
    }

    PlanCopies(MongoTemplate mongo, @Value("${cascade.aggregation.plan-cache:2s}") Duration snapshot) {
        this.mongo = mongo;
        this.snapshotNanos = snapshot.toNanos();
    }

    /** Keeps {@code plan} unless the same or a higher version is stored; returns whether the copy changed. */
    public boolean keep(PlanCopy plan) {
        try {
            var result = mongo.upsert(query(where("_id").is(plan.planId()).and("version").lt(plan.version())),
                    new Update().set("version", plan.version())
                            .set("issuerUnitCode", plan.issuerUnitCode())
                            .set("programme", plan.programme())
                            .set("dataForm", plan.dataForm())
                            .set("periods", plan.periods())
                            .set("targets", plan.targets())
                            .set("reportingUnits", plan.reportingUnits())
                            .set("successions", plan.successions()),
                    PlanCopy.class);
            generation.incrementAndGet();
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException stale) {
            log.debug("plan {} version {} is not newer than the stored copy", plan.planId(), plan.version());
            return false;
        }
    }

    /**
     * Marks the stored plan revoked from {@code revoked.revokedOn()}, as version {@code revoked.version()}, unless
     * the same or a higher version is stored (a redelivered or stale revocation changes nothing).
     *
     * @return whether the copy changed; empty when the plan is not known at all
     */
    public Optional<Boolean> revoke(PlanRevoked revoked) {
        boolean changed = mongo.updateFirst(query(where("_id").is(revoked.planId()).and("version")
                        .lt(revoked.version())),
                new Update().set("version", revoked.version()).set("revokedOn", revoked.revokedOn().toString()),
                PlanCopy.class).getModifiedCount() > 0;
        generation.incrementAndGet();
        if (changed) {
            return Optional.of(true);
        }
        return find(revoked.planId()).map(stored -> false);
    }

    public Optional<PlanCopy> find(String planId) {
        return Optional.ofNullable(mongo.findById(planId, PlanCopy.class));
    }

    public List<PlanCopy> ofProgramme(String programme) {
        return mongo.find(query(where("programme").is(programme)), PlanCopy.class);
    }

    /**
     * The plans of {@code programme} whose targets apply to {@code unitCode}'s roll-up of a period whose hierarchy is
     * that of {@code day} (its cut-off end): those whose issuer's role is held by that unit on that day (the issuer
     * itself, or after the reform the unit that took over its functions). Their reporting units are left out. Every
     * roll-up change asks this, so it is answered from a snapshot of all plans read at most
     * {@code cascade.aggregation.plan-cache} ago (default 2 s; a plan kept by this instance is seen at once, one kept
     * by another instance within that time).
     */
    public List<PlanCopy> issuedBy(String programme, String unitCode, LocalDate day) {
        Snapshot current = current();
        return current.issuersOn().computeIfAbsent(programme + "|" + day, k -> {
            Map<String, List<PlanCopy>> byIssuer = new HashMap<>();
            for (PlanCopy plan : current.byProgramme().getOrDefault(programme, List.of())) {
                byIssuer.computeIfAbsent(issuerOn(plan, day), u -> new ArrayList<>()).add(plan);
            }
            return byIssuer;
        }).getOrDefault(unitCode, List.of());
    }

    private String issuerOn(PlanCopy plan, LocalDate day) {
        String key = plan.planId() + '|' + plan.version() + '|' + day;
        String issuer = issuers.get(key);
        if (issuer == null) {
            if (issuers.size() >= MAX_ISSUERS) {
                issuers.clear(); // versions and days no longer asked about
            }
            issuer = plan.issuerOn(day);
            issuers.put(key, issuer);
        }
        return issuer;
    }

    /** The revoked plans of {@code programme} that have {@code period}, by plan id (from the same snapshot). */
    public List<RevokedPlan> revokedOf(String programme, String period) {
        return current().byProgramme().getOrDefault(programme, List.of()).stream()
                .filter(p -> p.revoked() && p.period(period).isPresent())
                .sorted(Comparator.comparing(PlanCopy::planId))
                .map(p -> new RevokedPlan(p.planId(), LocalDate.parse(p.revokedOn()))).toList();
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        long written = generation.get();
        if (current == null || current.generation() != written || now - current.readAt() >= snapshotNanos) {
            Query heads = new Query();
            heads.fields().include("version");
            Map<String, List<PlanCopy>> byProgramme = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (Document head : mongo.find(heads, Document.class, PlanCopy.COLLECTION)) {
                String planId = String.valueOf(head.get("_id"));
                long version = ((Number) head.get("version")).longValue();
                PlanCopy plan = bodies.get(planId);
                if (plan == null || plan.version() != version) {
                    Query whole = query(where("_id").is(planId));
                    whole.fields().exclude("reportingUnits");
                    plan = mongo.findOne(whole, PlanCopy.class);
                    if (plan == null) {
                        continue;
                    }
                    bodies.put(planId, plan);
                }
                seen.add(planId);
                byProgramme.computeIfAbsent(plan.programme(), k -> new ArrayList<>()).add(plan);
            }
            bodies.keySet().retainAll(seen);
            current = new Snapshot(byProgramme, now, written, new ConcurrentHashMap<>());
            snapshot = current;
        }
        return current;
    }
}
