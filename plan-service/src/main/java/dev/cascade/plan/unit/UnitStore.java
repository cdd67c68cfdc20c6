package dev.cascade.plan.unit;

import dev.cascade.platform.store.InChunks;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitPlacement;
import com.mongodb.client.model.Sorts;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.UnitNames;
import dev.cascade.platform.store.StoreIndexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code units} collection: one document per unit code ({@code _id}) with its placements, a content
 * fingerprint, a version that grows with each change, and whether that version is published. Dates are ISO strings.
 */
@Component
public class UnitStore {

    static final String COLLECTION = "units";
    private static final int CHUNK = 1000;
    private static final Logger log = LoggerFactory.getLogger(UnitStore.class);

    private final MongoTemplate mongo;

    public UnitStore(MongoTemplate mongo) {
        this.mongo = mongo;
        StoreIndexes.create(COLLECTION, () -> {
            collection().createIndex(Indexes.ascending("placements.parentCode"));
            collection().createIndex(Indexes.ascending("predecessors.code"));
            collection().createIndex(Indexes.ascending("published"));
        });
    }

    /** What an upsert did. */
    public record UpsertCounts(int created, int changed, int unchanged, List<String> createdCodes,
                               List<String> changedCodes) {
    }

    /**
     * Stores the units: a new code gets version 1, a code whose content changed gets the next version, an unchanged
     * one is left alone. New and changed units are marked unpublished.
     */
    public UpsertCounts upsert(List<AdministrativeUnit> units, Instant now) {
        Map<String, Document> existing = new HashMap<>();
        List<String> codes = units.stream().map(AdministrativeUnit::code).toList();
        InChunks.forEach(codes, chunk -> collection().find(Filters.in("_id", chunk))
                .projection(Projections.include("fingerprint", "version", "searchText"))
                .forEach(d -> existing.put(d.getString("_id"), d)));
        List<WriteModel<Document>> writes = new ArrayList<>();
        int created = 0;
        int changed = 0;
        List<String> createdCodes = new ArrayList<>();
        List<String> changedCodes = new ArrayList<>();
        for (AdministrativeUnit unit : units) {
            String fingerprint = unit.fingerprint();
            Document current = existing.get(unit.code());
            if (current == null) {
                writes.add(new InsertOneModel<>(new Document("_id", unit.code())
                        .append("placements", placements(unit.placements()))
                        .append("predecessors", predecessors(unit.predecessors()))
                        .append("fingerprint", fingerprint)
                        .append("searchText", searchText(unit))
                        .append("version", 1L)
                        .append("updatedAt", Date.from(now))
                        .append("published", false)));
                created++;
                createdCodes.add(unit.code());
            } else if (!fingerprint.equals(current.getString("fingerprint"))) {
                long version = ((Number) current.get("version")).longValue();
                writes.add(new UpdateOneModel<>(codeAndVersion(unit.code(), version),
                        Updates.combine(Updates.set("placements", placements(unit.placements())),
                                Updates.set("predecessors", predecessors(unit.predecessors())),
                                Updates.set("fingerprint", fingerprint),
                                Updates.set("searchText", searchText(unit)),
                                Updates.set("version", version + 1),
                                Updates.set("updatedAt", Date.from(now)),
                                Updates.set("published", false))));
                changed++;
                changedCodes.add(unit.code());
            } else if (current.getString("searchText") == null) {
                // stored before names were searchable: add the search text, content and version stay
                writes.add(new UpdateOneModel<>(Filters.eq("_id", unit.code()),
                        Updates.set("searchText", searchText(unit))));
            }
        }
        for (int i = 0; i < writes.size(); i += CHUNK) {
            try {
                collection().bulkWrite(writes.subList(i, Math.min(writes.size(), i + CHUNK)),
                        new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // another instance stored the same units at the same moment: its writes stand
                log.warn("{} unit writes lost a race with another writer: {}", e.getWriteErrors().size(),
                        e.getWriteErrors().get(0).getMessage());
            }
        }
        return new UpsertCounts(created, changed, units.size() - created - changed, createdCodes, changedCodes);
    }

    public Optional<StoredUnit> find(String code) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", code)).first()).map(UnitStore::stored);
    }

    /** The stored units among {@code codes}, by code. */
    public Map<String, AdministrativeUnit> findAll(Collection<String> codes) {
        Map<String, AdministrativeUnit> found = new HashMap<>();
        InChunks.forEach(codes, chunk -> collection().find(Filters.in("_id", chunk))
                .forEach(d -> found.put(d.getString("_id"), stored(d).unit())));
        return found;
    }

    /** The stored units whose predecessors name any of {@code codes} (the units formed from them), by code. */
    public List<AdministrativeUnit> formedFrom(Collection<String> codes) {
        List<AdministrativeUnit> formed = new ArrayList<>();
        List<String> list = List.copyOf(codes);
        for (int i = 0; i < list.size(); i += CHUNK) {
            collection().find(Filters.in("predecessors.code", list.subList(i, Math.min(list.size(), i + CHUNK))))
                    .forEach(d -> formed.add(stored(d).unit()));
        }
        formed.sort(Comparator.comparing(AdministrativeUnit::code));
        return formed;
    }

    /** The units whose placement valid on {@code day} has {@code parentCode} as parent, by code. */
    public List<AdministrativeUnit> children(String parentCode, LocalDate day) {
        List<AdministrativeUnit> children = new ArrayList<>();
        collection().find(Filters.eq("placements.parentCode", parentCode)).forEach(d -> {
            AdministrativeUnit unit = stored(d).unit();
            unit.placementOn(day).filter(p -> parentCode.equals(p.parentCode())).ifPresent(p -> children.add(unit));
        });
        children.sort(Comparator.comparing(AdministrativeUnit::code));
        return children;
    }

    /**
     * Units any of whose names contains {@code foldedQuery} (already folded by {@link UnitNames#fold}), by code,
     * at most {@code limit}.
     */
    public List<AdministrativeUnit> searchByName(String foldedQuery, int limit) {
        List<AdministrativeUnit> found = new ArrayList<>();
        collection().find(Filters.regex("searchText", foldedQuery.replaceAll("[^\\p{Alnum} ]", "\\\\$0")))
                .sort(Sorts.ascending("_id")).limit(limit)
                .forEach(d -> found.add(stored(d).unit()));
        return found;
    }

    /** Units whose current version has not been published yet, parents before children. */
    public List<StoredUnit> unpublished() {
        List<StoredUnit> result = new ArrayList<>();
        collection().find(Filters.eq("published", false)).forEach(d -> result.add(stored(d)));
        result.sort(Comparator.comparingInt((StoredUnit u) -> u.unit().placements().get(0).level().ordinal())
                .thenComparing(StoredUnit::code));
        return result;
    }

    public long countUnpublished() {
        return collection().countDocuments(Filters.eq("published", false));
    }

    public long count() {
        return collection().countDocuments();
    }

    /** Marks these versions published (a unit changed meanwhile stays unpublished). */
    public void markPublished(List<StoredUnit> units) {
        List<WriteModel<Document>> writes = units.stream().<WriteModel<Document>>map(u -> new UpdateOneModel<>(
                codeAndVersion(u.code(), u.version()), Updates.set("published", true))).toList();
        for (int i = 0; i < writes.size(); i += CHUNK) {
            collection().bulkWrite(writes.subList(i, Math.min(writes.size(), i + CHUNK)),
                    new BulkWriteOptions().ordered(false));
        }
    }

    /** {@code {_id: code, version: v}}: a flat filter, so that stores look the code up in the primary index. */
    private static Document codeAndVersion(String code, long version) {
        return new Document("_id", code).append("version", version);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static String searchText(AdministrativeUnit unit) {
        return unit.placements().stream().map(p -> UnitNames.fold(p.name())).distinct()
                .collect(Collectors.joining(" | "));
    }

    private static List<Document> placements(List<UnitPlacement> placements) {
        return placements.stream().map(p -> new Document("hierarchy", p.hierarchy())
                .append("validFrom", p.validFrom() == null ? null : p.validFrom().toString())
                .append("validTo", p.validTo() == null ? null : p.validTo().toString())
                .append("name", p.name())
                .append("type", p.type())
                .append("level", p.level().name())
                .append("parentCode", p.parentCode())).toList();
    }

    private static List<Document> predecessors(List<UnitPredecessor> predecessors) {
        return predecessors.stream().map(p -> new Document("code", p.code()).append("kind", p.kind().name())).toList();
    }

    private static StoredUnit stored(Document d) {
        List<UnitPlacement> placements = d.getList("placements", Document.class).stream()
                .map(p -> new UnitPlacement(p.getString("hierarchy"), date(p.getString("validFrom")),
                        date(p.getString("validTo")), p.getString("name"), p.getString("type"),
                        UnitLevel.valueOf(p.getString("level")), p.getString("parentCode")))
                .toList();
        Date updatedAt = d.getDate("updatedAt");
        // absent in documents stored before units had predecessors: none
        List<Document> storedPredecessors = d.getList("predecessors", Document.class);
        List<UnitPredecessor> predecessors = storedPredecessors == null ? List.of() : storedPredecessors.stream()
                .map(p -> new UnitPredecessor(p.getString("code"), PredecessorKind.valueOf(p.getString("kind"))))
                .toList();
        return new StoredUnit(new AdministrativeUnit(d.getString("_id"), placements, predecessors),
                ((Number) d.get("version")).longValue(), updatedAt == null ? null : updatedAt.toInstant(),
                Boolean.TRUE.equals(d.getBoolean("published")));
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
