package dev.cascade.report.unit;

import dev.cascade.contracts.MutableClock;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.report.ReportSlices;
import dev.cascade.report.TestData;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The unit copy against the embedded store, as two instances of report-service share it: each keeps all units in
 * memory, copies its own partitions' units, and learns the other's within {@link Units#REFRESH}.
 */
class UnitsTest extends ReportSlices.Store {

    private static final LocalDate DAY = LocalDate.of(2024, 12, 10);

    private final MutableClock wall = MutableClock.at("2024-12-07T09:00:00+07:00");
    /** The whole reloads {@code here} handed to its background, not run until a test runs them. */
    private final List<Runnable> reloads = new ArrayList<>();
    private Units here;
    private Units other;

    @BeforeEach
    void twoInstances() {
        here = new Units(mongo, wall, reloads::add);
        other = new Units(mongo, wall, Runnable::run);
        TestData.units().forEach(other::upsert);
        wall.advance(Units.OVERLAP.plus(Duration.ofMinutes(1))); // copied well before anything below
    }

    @Test
    void aUnitIsReadFromMemoryOnceLoaded() {
        assertThat(here.find("10813")).map(u -> u.placementOn(DAY).orElseThrow().parentCode()).contains("294");

        // a change in the store that no instance announced (no stamp): memory answers, not the store
        mongo.updateFirst(query(where("_id").is("10813")), new org.springframework.data.mongodb.core.query.Update()
                .set("placements", List.of()).set("version", 99), Units.COLLECTION);
        wall.advance(Units.REFRESH.multipliedBy(2));
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(1);

        // the whole copy is read again every RELOAD, which bounds such a change; in the background, the question that
        // found it due answered from memory, and so do those asked before it ends, without starting another
        wall.advance(Units.RELOAD);
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(1);
        wall.advance(Units.REFRESH);
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(1);
        assertThat(reloads).hasSize(1);
        reloads.remove(0).run();
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(99);

        // the next one is due RELOAD after the last began
        wall.advance(Units.RELOAD.minus(Units.REFRESH).minusSeconds(1));
        here.find("10813");
        assertThat(reloads).isEmpty();
        wall.advance(Units.REFRESH);
        here.find("10813");
        assertThat(reloads).hasSize(1);
    }

    @Test
    void aUnitTheOtherInstanceCopiesIsSeenWithinTheRefresh() {
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(1);

        wall.advance(Duration.ofSeconds(1));
        UnitUpserted moved = commune("10813", "288", 2);
        assertThat(other.upsert(moved)).isTrue();
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(1); // within the refresh: memory as it was

        wall.advance(Units.REFRESH);
        assertThat(here.find("10813")).map(u -> u.placementOn(DAY).orElseThrow().parentCode()).contains("288");
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aUnitThisInstanceCopiesIsInMemoryAtOnceAndAnOlderVersionChangesNothing() {
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(1);

        assertThat(here.upsert(commune("10813", "288", 3))).isTrue();
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(3);

        assertThat(here.upsert(commune("10813", "294", 2))).isFalse();
        assertThat(here.find("10813").orElseThrow().version()).isEqualTo(3);
        assertThat(mongo.findById("10813", Document.class, Units.COLLECTION).get("version", Number.class).longValue())
                .isEqualTo(3);
    }

    @Test
    void aUnitNotInMemoryIsAskedOfTheStoreEachTime() {
        assertThat(here.find("99999")).isEmpty();
        assertThat(here.exists("99999")).isFalse();

        // copied by the other instance a moment ago, before this one's next refresh
        other.upsert(commune("99999", "294", 1));
        assertThat(here.exists("99999")).isTrue();
        assertThat(here.find("99999")).map(u -> u.placementOn(DAY).orElseThrow().parentCode()).contains("294");
    }

    @Test
    void everyCopyIsStampedWithTheWallClockOfItsWriter() {
        other.upsert(commune("99998", "294", 1));

        Document stored = mongo.findById("99998", Document.class, Units.COLLECTION);
        assertThat(stored.get(Units.COPIED_AT, Date.class).toInstant()).isEqualTo(wall.instant());
    }

    /** A commune under {@code district} before the reform, at {@code version}. */
    private static UnitUpserted commune(String code, String district, long version) {
        return new UnitUpserted(code, TestData.commune(code, "Xã " + code, district).placements(), version);
    }
}
