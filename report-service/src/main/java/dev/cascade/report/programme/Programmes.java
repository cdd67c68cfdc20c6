package dev.cascade.report.programme;

import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingProgramme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The programmes of the issued plans, copied from {@code cascade.plans.v1}. */
@Component
public class Programmes {

    static final String COLLECTION = "programmes";

    private static final Logger log = LoggerFactory.getLogger(Programmes.class);

    private final MongoTemplate mongo;

    public Programmes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps the programme of an issued plan unless a newer version of that plan is already kept (a duplicate or
     * an older version changes nothing). Opened periods are kept as they are.
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
                .set("taskNumbers", plan.tasks().stream().map(PlanTask::number).toList());
        try {
            mongo.upsert(query(where("_id").is(programme.code()).and("planId").is(plan.planId())
                    .and("planVersion").lt(plan.version())), update, Programme.class, COLLECTION);
        } catch (DuplicateKeyException staleOrForeign) {
            // a newer version of this plan is kept, or the code belongs to another plan: see below
        }
        Optional<Programme> kept = find(programme.code());
        if (kept.isPresent() && !kept.get().planId().equals(plan.planId())) {
            log.warn("Programme {} of plan {} ignored: the code already belongs to plan {}", programme.code(),
                    plan.planId(), kept.get().planId());
            return Optional.empty();
        }
        return kept;
    }

    public Optional<Programme> find(String code) {
        return Optional.ofNullable(mongo.findById(code, Programme.class, COLLECTION));
    }

    public List<Programme> all() {
        return mongo.findAll(Programme.class, COLLECTION);
    }

    /** Records that a period's obligations are open, which freezes its expected reporters. */
    public void markOpened(String code, String periodId) {
        mongo.updateFirst(query(where("_id").is(code)), new Update().addToSet("openedPeriods", periodId),
                Programme.class, COLLECTION);
    }
}
