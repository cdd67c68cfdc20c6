package dev.cascade.aggregation.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The plans this service has learnt from {@code cascade.plans.v1}. */
@Component
public class PlanCopies {

    private static final Logger log = LoggerFactory.getLogger(PlanCopies.class);

    private final MongoTemplate mongo;
    private final long snapshotNanos;
    /** The plans by issuer, without their reporting units, as read at {@code readAt}; null when to be read again. */
    private volatile IssuerSnapshot issuers;

    private record IssuerSnapshot(Map<String, List<PlanCopy>> byIssuer, long readAt) {
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
                            .set("reportingUnits", plan.reportingUnits()),
                    PlanCopy.class);
            issuers = null;
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException stale) {
            log.debug("plan {} version {} is not newer than the stored copy", plan.planId(), plan.version());
            return false;
        }
    }

    public List<PlanCopy> ofProgramme(String programme) {
        return mongo.find(query(where("programme").is(programme)), PlanCopy.class);
    }

    /**
     * Plans issued by {@code unitCode}, whose targets apply to that unit's roll-ups; their reporting units are left
     * out. Every roll-up change asks this, so it is answered from a snapshot of all plans read at most
     * {@code cascade.aggregation.plan-cache} ago (default 2 s; a plan kept by this instance is seen at once, one kept
     * by another instance within that time).
     */
    public List<PlanCopy> issuedBy(String unitCode) {
        IssuerSnapshot snapshot = issuers;
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.readAt() >= snapshotNanos) {
            Query all = new Query();
            all.fields().exclude("reportingUnits");
            Map<String, List<PlanCopy>> byIssuer = new HashMap<>();
            for (PlanCopy plan : mongo.find(all, PlanCopy.class)) {
                byIssuer.computeIfAbsent(plan.issuerUnitCode(), k -> new ArrayList<>()).add(plan);
            }
            snapshot = new IssuerSnapshot(byIssuer, now);
            issuers = snapshot;
        }
        return snapshot.byIssuer().getOrDefault(unitCode, List.of());
    }
}
