package dev.cascade.report.unit;

import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.store.InChunks;
import dev.cascade.platform.store.NewerOnly;
import dev.cascade.platform.store.StoreIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The copy of the administrative units that report-service keeps from {@code cascade.units.v1}: in the store, and
 * all of it in memory, since every submission's access check asks for its unit's place (a national burst: 10,047
 * communes, each once, so a cache of what was asked never hits).
 * <p>
 * The instances of report-service share the units binding's consumer group, so each copies only its partitions'
 * units into the shared store. The memory is loaded whole at the first question, then kept current: a unit this
 * instance copies goes into memory at once; units other instances copied (stamped {@value #COPIED_AT}, by their wall
 * clock) are asked for at most every {@link #REFRESH}, reaching {@link #OVERLAP} further back than the last question
 * (writes in flight, clocks a little apart); and the whole copy is read again every {@link #RELOAD}, in the
 * background (the questions go on with memory meanwhile), which bounds anything else (a unit written without a
 * stamp). A unit not in memory is asked of the store each time, so a unit
 * copied a moment ago by another instance is found at once. The access rules remember places for
 * {@code cascade.security.hierarchy-cache} (60 s) on top of this, as before.
 */
@Component("unitCopy")
public class Units {

    private static final Logger log = LoggerFactory.getLogger(Units.class);

    static final String COLLECTION = "units";
    /** When an instance last copied the unit, by its wall clock. */
    static final String COPIED_AT = "copiedAt";
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Duration OVERLAP = Duration.ofSeconds(30);
    static final Duration RELOAD = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final NewerOnly copies;
    private final Clock wall;
    /** Runs the whole reloads after the first (the first question waits for the first). */
    private final Executor background;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final Map<String, UnitCopy> memory = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();
    /** When the last question to the store began; {@code null} until the first whole read. */
    private volatile Instant asked;
    private volatile Instant reloaded;

    @Autowired
    public Units(MongoTemplate mongo) {
        this(mongo, Clock.systemUTC(), Units::reloadThread);
    }

    Units(MongoTemplate mongo, Clock wall, Executor background) {
        this.mongo = mongo;
        this.copies = new NewerOnly(mongo, COLLECTION);
        this.wall = wall;
        this.background = background;
        StoreIndexes.create(COLLECTION, () -> mongo.indexOps(COLLECTION)
                .createIndex(new Index().on(COPIED_AT, Sort.Direction.ASC).named("by_copied_at")));
    }

    /**
     * Keeps the unit if it is newer than the copy: a duplicate or an older version changes nothing.
     *
     * @return whether the copy changed
     */
    public boolean upsert(UnitUpserted unit) {
        boolean changed = copies.applyIfNewer(unit.code(), unit.version(),
                new Update().set("placements", unit.placements()).set("version", unit.version())
                        .set(COPIED_AT, Date.from(wall.instant())));
        if (changed) {
            remember(new UnitCopy(unit.code(), unit.placements(), unit.version()));
        }
        return changed;
    }

    /** Whether the unit is known. */
    public boolean exists(String code) {
        return find(code).isPresent();
    }

    /** The unit's copy: from memory, or from the store when memory does not have it (yet). */
    public Optional<UnitCopy> find(String code) {
        keepCurrent();
        UnitCopy unit = memory.get(code);
        if (unit == null) {
            unit = mongo.findById(code, UnitCopy.class, COLLECTION);
            if (unit != null) {
                remember(unit);
            }
        }
        return Optional.ofNullable(unit);
    }

    /** The copies of {@code codes} that the store holds, read from the store. */
    public List<UnitCopy> findAll(Collection<String> codes) {
        List<UnitCopy> found = new ArrayList<>(codes.size());
        InChunks.forEach(codes, chunk -> found.addAll(mongo.find(query(where("_id").in(chunk)), UnitCopy.class,
                COLLECTION)));
        return found;
    }

    /**
     * Reads the whole copy the first time and every {@link #RELOAD} (in the background), the units stamped since the
     * last question every {@link #REFRESH}. One thread asks; the others go on with memory meanwhile (except before
     * the first read).
     */
    private void keepCurrent() {
        Instant now = wall.instant();
        if (asked != null && now.isBefore(asked.plus(REFRESH))) {
            return;
        }
        if (!refreshing.tryLock()) {
            if (asked != null) {
                return;
            }
            refreshing.lock();
        }
        try {
            now = wall.instant();
            if (asked != null && now.isBefore(asked.plus(REFRESH))) {
                return;
            }
            if (reloaded == null) {
                mongo.find(new Query(), UnitCopy.class, COLLECTION).forEach(this::remember);
                asked = now;
                reloaded = now;
                return;
            }
            if (!now.isBefore(reloaded.plus(RELOAD)) && reloading.compareAndSet(false, true)) {
                reloaded = now;
                reloadInBackground();
            }
            mongo.find(query(where(COPIED_AT).gte(Date.from(asked.minus(OVERLAP)))), UnitCopy.class, COLLECTION)
                    .forEach(this::remember);
            asked = now;
        } finally {
            refreshing.unlock();
        }
    }

    private void reloadInBackground() {
        try {
            background.execute(() -> {
                try {
                    mongo.find(new Query(), UnitCopy.class, COLLECTION).forEach(this::remember);
                } catch (RuntimeException failed) {
                    reloaded = null; // the next question reads the whole copy itself
                    log.warn("the whole unit copy could not be read again; the next question will: {}",
                            failed.toString());
                } finally {
                    reloading.set(false);
                }
            });
        } catch (RuntimeException refused) { // no thread for it: the question goes on with memory, tried again later
            reloading.set(false);
            log.warn("the whole unit copy could not be read again in the background; tried again in {}: {}", RELOAD,
                    refused.toString());
        }
    }

    /** A thread of its own for each whole reload (one every {@link #RELOAD} at most): nothing to keep alive. */
    private static void reloadThread(Runnable reload) {
        Thread thread = new Thread(reload, "unit-copy-reload");
        thread.setDaemon(true);
        thread.start();
    }

    private void remember(UnitCopy unit) {
        memory.merge(unit.code(), unit, (kept, read) -> read.version() >= kept.version() ? read : kept);
    }
}
