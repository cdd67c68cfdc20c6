package dev.cascade.aggregation.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The plans this service has learnt from {@code cascade.plans.v1}. */
@Component
public class PlanCopies {

    private static final Logger log = LoggerFactory.getLogger(PlanCopies.class);

    private final MongoTemplate mongo;

    PlanCopies(MongoTemplate mongo) {
        this.mongo = mongo;
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
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException stale) {
            log.debug("plan {} version {} is not newer than the stored copy", plan.planId(), plan.version());
            return false;
        }
    }

    public List<PlanCopy> ofProgramme(String programme) {
        return mongo.find(query(where("programme").is(programme)), PlanCopy.class);
    }

    /** Plans issued by {@code unitCode}: their targets apply to that unit's roll-ups. */
    public List<PlanCopy> issuedBy(String unitCode) {
        return mongo.find(query(where("issuerUnitCode").is(unitCode)), PlanCopy.class);
    }
}
