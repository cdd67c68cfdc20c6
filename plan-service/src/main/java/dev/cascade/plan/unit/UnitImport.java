package dev.cascade.plan.unit;

import dev.cascade.contracts.events.UnitPredecessor;
import lombok.RequiredArgsConstructor;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.Agency;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.plan.unit.domain.UnitRegister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/**
 * Imports the bundled administrative units of some provinces (or the whole country) into the store and publishes
 * those that are new or changed. Importing the same units again changes and publishes nothing.
 */
@Service
@RequiredArgsConstructor
public class UnitImport {

    private static final Logger log = LoggerFactory.getLogger(UnitImport.class);

    private final UnitRegister register;
    private final UnitStore store;
    private final UnitPublication publication;
    private final Clock clock;

    /**
     * What an import did.
     *
     * @param units     units selected (with their parents up to the ministry)
     * @param published units published by this run (new, changed, or left unpublished by an earlier run)
     * @param pending   units still unpublished afterwards (broker unavailable); they are retried later
     * @param createdCodes the first {@value #LISTED} codes created
     * @param changedCodes the first {@value #LISTED} codes whose content changed
     */
    public record Result(String selection, int units, int created, int changed, int unchanged, int published,
                         long pending, long millis, List<String> createdCodes, List<String> changedCodes) {
    }

    static final int LISTED = 100;

    /** What attaching an agency did: the unit as stored, and whether it was new, changed or already so. */
    public record Attached(StoredUnit unit, String outcome) {
    }

    /**
     * Creates or updates the non-territorial unit {@code code} under the territorial unit {@code parentCode}
     * (which must be stored) and publishes it if it is new or changed.
     *
     * @throws IllegalArgumentException if the parent is an agency itself
     */
    public Attached attachAgency(String code, String name, String type, AdministrativeUnit parent) {
        return attachAgency(code, name, type, parent, List.of());
    }

    /** Attaches (or updates) an agency that took over the duties of {@code predecessors}. */
    public synchronized Attached attachAgency(String code, String name, String type, AdministrativeUnit parent,
                                              List<UnitPredecessor> predecessors) {
        AdministrativeUnit agency = Agency.attach(code, name, type, parent, predecessors);
        UnitStore.UpsertCounts counts = store.upsert(List.of(agency), clock.instant());
        publication.publishPending();
        String outcome = counts.created() == 1 ? "created" : counts.changed() == 1 ? "changed" : "unchanged";
        return new Attached(store.find(code).orElseThrow(), outcome);
    }

    public synchronized Result importUnits(ProvinceSelection selection) {
        long start = System.nanoTime();
        List<AdministrativeUnit> units = register.select(selection);
        UnitStore.UpsertCounts counts = store.upsert(units, clock.instant());
        int published = publication.publishPending();
        Result result = new Result(selection.toString(), units.size(), counts.created(), counts.changed(),
                counts.unchanged(), published, store.countUnpublished(), (System.nanoTime() - start) / 1_000_000,
                first(counts.createdCodes()), first(counts.changedCodes()));
        log.info("units imported: {} units of {}, {} created, {} changed, {} unchanged, {} published, {} pending, {} ms",
                result.units(), result.selection(), result.created(), result.changed(), result.unchanged(),
                result.published(), result.pending(), result.millis());
        return result;
    }

    private static List<String> first(List<String> codes) {
        return List.copyOf(codes.subList(0, Math.min(LISTED, codes.size())));
    }
}
