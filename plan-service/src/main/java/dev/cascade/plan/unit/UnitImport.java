package dev.cascade.plan.unit;

import dev.cascade.plan.unit.domain.AdministrativeUnit;
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
public class UnitImport {

    private static final Logger log = LoggerFactory.getLogger(UnitImport.class);

    private final UnitRegister register;
    private final UnitStore store;
    private final UnitPublication publication;
    private final Clock clock;

    public UnitImport(UnitRegister register, UnitStore store, UnitPublication publication, Clock clock) {
        this.register = register;
        this.store = store;
        this.publication = publication;
        this.clock = clock;
    }

    /**
     * What an import did.
     *
     * @param units     units selected (with their parents up to the ministry)
     * @param published units published by this run (new, changed, or left unpublished by an earlier run)
     * @param pending   units still unpublished afterwards (broker unavailable); they are retried later
     */
    public record Result(String selection, int units, int created, int changed, int unchanged, int published,
                         long pending, long millis) {
    }

    public synchronized Result importUnits(ProvinceSelection selection) {
        long start = System.nanoTime();
        List<AdministrativeUnit> units = register.select(selection);
        UnitStore.UpsertCounts counts = store.upsert(units, clock.instant());
        int published = publication.publishPending();
        Result result = new Result(selection.toString(), units.size(), counts.created(), counts.changed(),
                counts.unchanged(), published, store.countUnpublished(), (System.nanoTime() - start) / 1_000_000);
        log.info("units imported: {}", result);
        return result;
    }
}
