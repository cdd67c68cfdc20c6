package dev.cascade.plan.plans;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.IndicatorDefinition;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.ReportingSuccession;
import dev.cascade.contracts.events.SuccessionReason;
import dev.cascade.contracts.events.SuccessorUnit;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanActors;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.plan.plans.domain.PlanStatus;
import dev.cascade.plan.plans.domain.Programme;
import dev.cascade.plan.plans.domain.Revocation;
import dev.cascade.plan.validation.Violation;
import dev.cascade.plan.schedule.AdHocPeriod;
import dev.cascade.plan.schedule.CutOffWindow;
import dev.cascade.plan.schedule.DeadlineRule;
import dev.cascade.platform.store.StoreIndexes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.cascade.platform.store.DocumentFields.date;

/**
 * The {@code plans} collection: one document per plan ({@code _id} = plan id) holding its whole state, so that every
 * change (revise, issue, mark published) is a single-document write guarded by the expected version. Decimals and
 * dates are stored as strings; {@code programmeCode} carries a unique index. The successions computed at issue are
 * stored with the plan (absent in plans stored before they existed: none), so that a stored plan published again
 * gives the same event.
 */
@Component
public class PlanStore {

    static final String COLLECTION = "plans";
    private static final String PROGRAMME_INDEX = "programmeCode_unique";

    private final MongoTemplate mongo;

    public PlanStore(MongoTemplate mongo) {
        this.mongo = mongo;
        StoreIndexes.create(COLLECTION, () -> {
            collection().createIndex(Indexes.ascending("programmeCode"),
                    new IndexOptions().unique(true).name(PROGRAMME_INDEX));
            collection().createIndex(Indexes.ascending("status", "published"));
        });
    }

    public void insert(Plan plan) {
        try {
            collection().insertOne(document(plan));
        } catch (MongoWriteException e) {
            throw conflictOrRethrow(e, plan);
        }
    }

    /** Replaces the plan if it still has {@code expectedVersion}; {@code false} if it changed meanwhile. */
    public boolean replace(Plan plan, long expectedVersion) {
        try {
            return collection().replaceOne(
                    Filters.and(Filters.eq("_id", plan.planId()), Filters.eq("version", expectedVersion)),
                    document(plan)).getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            throw conflictOrRethrow(e, plan);
        }
    }

    public void markPublished(String planId, long version) {
        collection().updateOne(Filters.and(Filters.eq("_id", planId), Filters.eq("version", version)),
                Updates.set("published", true));
    }

    public Optional<Plan> find(String planId) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", planId)).first()).map(PlanStore::plan);
    }

    /** The issuer of a stored plan. */
    public Optional<String> issuerOf(String planId) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", planId)).first())
                .map(d -> d.getString("issuerUnitCode"));
    }

    /** The id of the plan whose programme has this code, if any. */
    public Optional<String> planWithProgramme(String programmeCode) {
        return Optional.ofNullable(collection().find(Filters.eq("programmeCode", programmeCode)).first())
                .map(d -> d.getString("_id"));
    }

    public List<Plan> all() {
        List<Plan> plans = new ArrayList<>();
        collection().find().sort(Sorts.ascending("_id")).forEach(d -> plans.add(plan(d)));
        return plans;
    }

    /** Issued plans whose current version has not reached the plans topic yet. */
    public List<Plan> issuedUnpublished() {
        List<Plan> plans = new ArrayList<>();
        collection().find(Filters.and(Filters.in("status", PlanStatus.ISSUED.name(), PlanStatus.AMENDED.name(),
                        PlanStatus.REVOKED.name()), Filters.eq("published", false)))
                .forEach(d -> plans.add(plan(d)));
        return plans;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private RuntimeException conflictOrRethrow(MongoWriteException e, Plan plan) {
        if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
            return e;
        }
        if (e.getMessage() != null && e.getMessage().contains("programmeCode")) {
            String code = plan.content().programme().code();
            return new PlanConflict("programme code " + code + " is used by another plan", "programme.code");
        }
        return new PlanConflict("plan " + plan.planId() + " already exists", "number");
    }

    static Document document(Plan plan) {
        PlanContent c = plan.content();
        Programme p = c.programme();
        Map<String, String> deadlines = new LinkedHashMap<>();
        p.deadlines().forEach((level, rule) -> deadlines.put(level.name(), rule.text()));
        return new Document("_id", plan.planId())
                .append("status", plan.status().name())
                .append("version", plan.version())
                .append("issuedVersion", plan.issuedVersion())
                .append("published", plan.published())
                .append("number", c.number())
                .append("title", c.title())
                .append("issuerUnitCode", c.issuerUnitCode())
                .append("issueDate", c.issueDate().toString())
                .append("basis", c.basis())
                .append("horizonStart", c.horizonStart())
                .append("horizonEnd", c.horizonEnd())
                .append("targets", c.targets().stream().map(t -> new Document("indicator", t.indicator())
                        .append("year", t.year())
                        .append("comparator", t.comparator().name())
                        .append("value", t.value().toPlainString())
                        .append("upper", t.upper() == null ? null : t.upper().toPlainString())).toList())
                .append("tasks", c.tasks().stream().map(t -> new Document("number", t.number())
                        .append("title", t.title())
                        .append("leadUnit", t.leadUnit())
                        .append("cooperatingUnits", t.cooperatingUnits())).toList())
                .append("programmeCode", p.code())
                .append("programme", new Document("code", p.code())
                        .append("title", p.title())
                        .append("frequency", p.frequency().name())
                        .append("indicators", p.indicators())
                        .append("outline", p.outline())
                        .append("deadlines", new Document(new LinkedHashMap<>(deadlines)))
                        .append("adHocPeriods", p.adHocPeriods().stream().map(a -> new Document("id", a.id())
                                .append("cutOffStart", a.window().start().toString())
                                .append("cutOffEnd", a.window().end().toString())).toList()))
                .append("reportingUnits", c.reportingUnits())
                .append("warnings", c.warnings().stream().map(w -> new Document("field", w.field())
                        .append("message", w.message())).toList())
                .append("periods", plan.periods().stream().map(PlanStore::period).toList())
                .append("dataForm", plan.dataForm().stream().map(d -> new Document("code", d.code())
                        .append("name", d.name())
                        .append("unitOfMeasure", d.unitOfMeasure())
                        .append("kind", d.kind().name())
                        .append("aggregation", d.aggregation().name())
                        .append("numeratorLabel", d.numeratorLabel())
                        .append("denominatorLabel", d.denominatorLabel())).toList())
                .append("successions", plan.successions().stream().map(PlanStore::succession).toList())
                .append("createdAt", date(plan.createdAt()))
                .append("updatedAt", date(plan.updatedAt()))
                .append("issuedAt", date(plan.issuedAt()))
                .append("revocation", plan.revocation() == null ? null
                        : new Document("revokedOn", plan.revocation().revokedOn().toString())
                        .append("revokedBy", plan.revocation().revokedBy())
                        .append("reason", plan.revocation().reason()))
                .append("actors", new Document("createdBy", plan.actors().createdBy())
                        .append("revisedBy", plan.actors().revisedBy())
                        .append("issuedBy", plan.actors().issuedBy())
                        .append("amendedBy", plan.actors().amendedBy())
                        .append("revokedBy", plan.actors().revokedBy()));
    }

    static Plan plan(Document d) {
        Document p = d.get("programme", Document.class);
        Map<UnitLevel, DeadlineRule> deadlines = new EnumMap<>(UnitLevel.class);
        p.get("deadlines", Document.class).forEach((level, rule) ->
                deadlines.put(UnitLevel.valueOf(level), DeadlineRule.parse((String) rule)));
        Programme programme = new Programme(p.getString("code"), p.getString("title"),
                Frequency.valueOf(p.getString("frequency")), p.getList("indicators", String.class),
                p.getList("outline", String.class), deadlines,
                p.getList("adHocPeriods", Document.class, List.of()).stream().map(a -> new AdHocPeriod(
                        a.getString("id"), new CutOffWindow(LocalDate.parse(a.getString("cutOffStart")),
                        LocalDate.parse(a.getString("cutOffEnd"))))).toList());
        List<Target> targets = d.getList("targets", Document.class).stream().map(t -> new Target(
                t.getString("indicator"), t.getInteger("year"), TargetComparator.valueOf(t.getString("comparator")),
                new BigDecimal(t.getString("value")), t.getString("upper") == null ? null
                : new BigDecimal(t.getString("upper")))).toList();
        List<PlanTask> tasks = d.getList("tasks", Document.class).stream().map(t -> new PlanTask(
                t.getString("number"), t.getString("title"), t.getString("leadUnit"),
                t.getList("cooperatingUnits", String.class))).toList();
        PlanContent content = new PlanContent(d.getString("number"), d.getString("title"),
                d.getString("issuerUnitCode"), LocalDate.parse(d.getString("issueDate")),
                d.getList("basis", String.class), d.getInteger("horizonStart"), d.getInteger("horizonEnd"), targets,
                tasks, programme, d.getList("reportingUnits", String.class),
                d.getList("warnings", Document.class, List.of()).stream()
                        .map(w -> new Violation(w.getString("field"), w.getString("message"))).toList());
        List<ReportingPeriod> periods = d.getList("periods", Document.class).stream().map(PlanStore::period)
                .toList();
        List<IndicatorDefinition> dataForm = d.getList("dataForm", Document.class).stream().map(i ->
                new IndicatorDefinition(i.getString("code"), i.getString("name"), i.getString("unitOfMeasure"),
                        IndicatorKind.valueOf(i.getString("kind")), AggregationRule.valueOf(i.getString("aggregation")),
                        i.getString("numeratorLabel"), i.getString("denominatorLabel"))).toList();
        List<ReportingSuccession> successions = d.getList("successions", Document.class, List.of()).stream()
                .map(PlanStore::succession).toList();
        return new Plan(d.getString("_id"), PlanStatus.valueOf(d.getString("status")),
                ((Number) d.get("version")).longValue(), ((Number) d.get("issuedVersion")).longValue(), content,
                periods, dataForm, successions, instant(d.getDate("createdAt")),
                instant(d.getDate("updatedAt")), instant(d.getDate("issuedAt")),
                Boolean.TRUE.equals(d.getBoolean("published")),
                revocation(d.get("revocation", Document.class)), actors(d.get("actors", Document.class)));
    }

    private static Document period(ReportingPeriod period) {
        Document deadlines = new Document();
        period.deadlines().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> deadlines.append(e.getKey().name(), e.getValue().toString()));
        return new Document("id", period.id())
                .append("cutOffStart", period.cutOffStart().toString())
                .append("cutOffEnd", period.cutOffEnd().toString())
                .append("deadlines", deadlines);
    }

    private static ReportingPeriod period(Document d) {
        Map<UnitLevel, LocalDate> deadlines = new EnumMap<>(UnitLevel.class);
        d.get("deadlines", Document.class).forEach((level, day) ->
                deadlines.put(UnitLevel.valueOf(level), LocalDate.parse((String) day)));
        return new ReportingPeriod(d.getString("id"), LocalDate.parse(d.getString("cutOffStart")),
                LocalDate.parse(d.getString("cutOffEnd")), deadlines);
    }

    private static Document succession(ReportingSuccession s) {
        return new Document("unitCode", s.unitCode())
                .append("from", s.from().toString())
                .append("reason", s.reason().name())
                .append("successors", s.successors().stream().map(u -> new Document("unitCode", u.unitCode())
                        .append("partial", u.partial())).toList())
                .append("basis", s.basis());
    }

    private static ReportingSuccession succession(Document d) {
        return new ReportingSuccession(d.getString("unitCode"), LocalDate.parse(d.getString("from")),
                SuccessionReason.valueOf(d.getString("reason")),
                d.getList("successors", Document.class).stream().map(u -> new SuccessorUnit(u.getString("unitCode"),
                        Boolean.TRUE.equals(u.getBoolean("partial")))).toList(),
                d.getString("basis"));
    }

    private static Revocation revocation(Document r) {
        return r == null ? null : new Revocation(LocalDate.parse(r.getString("revokedOn")), r.getString("revokedBy"),
                r.getString("reason"));
    }

    /** Absent in plans stored before people were recorded: nobody. */
    private static PlanActors actors(Document a) {
        return a == null ? PlanActors.NONE : new PlanActors(a.getString("createdBy"), a.getString("revisedBy"),
                a.getString("issuedBy"), a.getString("amendedBy"), a.getString("revokedBy"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
