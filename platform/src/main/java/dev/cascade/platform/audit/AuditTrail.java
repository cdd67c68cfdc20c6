package dev.cascade.platform.audit;

import dev.cascade.platform.security.Grant;
import dev.cascade.platform.store.StoreIndexes;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.function.SingletonSupplier;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The append-only audit trail of a service, in its own collection {@value #COLLECTION}: {@link #record} inserts an
 * entry, {@link #entries} reads them. There is no way to change or remove an entry: this class has no such method,
 * no other class names the collection (checked by {@code ServiceArchitecture}), and in deployment the services'
 * database user may be given insert and find on it only.
 */
public class AuditTrail {

    /** The collection of the trail. */
    public static final String COLLECTION = "audit";

    private final MongoTemplate mongo;
    private final Clock clock;
    /** Looked up once: a look-up through the provider on every entry cost more than the rest of building it. */
    private final SingletonSupplier<Optional<Tracer>> tracer;
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    public AuditTrail(MongoTemplate mongo, Clock clock, ObjectProvider<Tracer> tracer) {
        this.mongo = mongo;
        this.clock = clock;
        this.tracer = SingletonSupplier.of(() -> Optional.ofNullable(tracer.getIfAvailable()));
        StoreIndexes.create(COLLECTION, () -> {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("unitCode", Sort.Direction.ASC)
                    .on("at", Sort.Direction.ASC).on("_id", Sort.Direction.ASC));
        });
    }

    /** Records the change that {@code grant} allowed; answers the entry as written. */
    public AuditEntry record(Grant grant, AuditedChange change) {
        Instant at = clock.instant();
        AuditEntry entry = new AuditEntry(idAt(at), at, grant.caller().subject(),
                grant.caller().unitCode(), grant.role().name(), grant.rule(), change.action(), change.entityType(),
                change.entityId(), change.unitCode(), change.versionBefore(), change.versionAfter(), change.reason(),
                traceId());
        mongo.insert(document(entry), COLLECTION);
        return entry;
    }

    /** One page of the unit's entries from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<AuditEntry> entries(String unitCode, Instant from, Instant to, int page, int size) {
        Query query = new Query(where("unitCode").is(unitCode).and("at").gte(Date.from(from)).lt(Date.from(to)))
                .with(Sort.by("at", "_id")).skip((long) page * size).limit(size);
        return mongo.find(query, Document.class, COLLECTION).stream().map(AuditTrail::entry).toList();
    }

    /**
     * An id that sorts as the entries were written: the instant, then this instance's sequence (entries of the same
     * millisecond, e.g. under a test clock that stands still), then a random part that keeps ids of instances apart.
     */
    private String idAt(Instant at) {
        return String.format("%013d-%012d-%s", at.toEpochMilli(), sequence.incrementAndGet(),
                UUID.randomUUID().toString().substring(0, 8));
    }

    private String traceId() {
        Span span = tracer.obtain().map(Tracer::currentSpan).orElse(null);
        return span == null ? null : span.context().traceId();
    }

    private static Document document(AuditEntry e) {
        return new Document("_id", e.id()).append("at", Date.from(e.at())).append("subject", e.subject())
                .append("actorUnit", e.actorUnit()).append("role", e.role()).append("rule", e.rule())
                .append("action", e.action()).append("entityType", e.entityType()).append("entityId", e.entityId())
                .append("unitCode", e.unitCode()).append("versionBefore", e.versionBefore())
                .append("versionAfter", e.versionAfter()).append("reason", e.reason()).append("traceId", e.traceId());
    }

    private static AuditEntry entry(Document d) {
        return new AuditEntry(d.getString("_id"), d.getDate("at").toInstant(), d.getString("subject"),
                d.getString("actorUnit"), d.getString("role"), d.getString("rule"), d.getString("action"),
                d.getString("entityType"), d.getString("entityId"), d.getString("unitCode"),
                number(d.get("versionBefore")), number(d.get("versionAfter")), d.getString("reason"),
                d.getString("traceId"));
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
