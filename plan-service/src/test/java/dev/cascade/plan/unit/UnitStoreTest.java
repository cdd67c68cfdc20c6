package dev.cascade.plan.unit;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.plan.PlanSlices;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The units collection against the embedded store: versions by content, children on a day, search, publication marks. */
@Import(UnitStore.class)
class UnitStoreTest extends PlanSlices.Store {

    static final Instant FIRST = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant SECOND = Instant.parse("2025-07-01T00:00:00Z");

    @Autowired
    UnitStore store;

    @Test
    void anUnchangedUnitKeepsItsVersionAndAChangedOneGetsTheNextUnpublished() {
        assertThat(store.upsert(List.of(UnitControllerTest.PROVINCE, UnitControllerTest.DISTRICT), FIRST))
                .isEqualTo(new UnitStore.UpsertCounts(2, 0, 0, List.of("30", "294"), List.of()));
        store.markPublished(store.unpublished());
        AdministrativeUnit renamed = UnitControllerTest.unit("294", "Huyện Thanh Hà (cũ)", UnitLevel.DISTRICT, "30",
                "30");

        var counts = store.upsert(List.of(UnitControllerTest.PROVINCE, renamed, UnitControllerTest.COMMUNE), SECOND);

        assertThat(counts).isEqualTo(new UnitStore.UpsertCounts(1, 1, 1, List.of("10813"), List.of("294")));
        assertThat(store.find("30")).get().isEqualTo(new StoredUnit(UnitControllerTest.PROVINCE, 1, FIRST, true));
        assertThat(store.find("294")).get().isEqualTo(new StoredUnit(renamed, 2, SECOND, false));
        assertThat(store.count()).isEqualTo(3);
        assertThat(store.countUnpublished()).isEqualTo(2);
    }

    @Test
    void unpublishedUnitsComeParentsFirstAndAMarkForAnOlderVersionIsIgnored() {
        store.upsert(List.of(UnitControllerTest.COMMUNE, UnitControllerTest.DISTRICT, UnitControllerTest.PROVINCE),
                FIRST);
        List<StoredUnit> firstVersions = store.unpublished();
        assertThat(firstVersions).extracting(StoredUnit::code).containsExactly("30", "294", "10813");

        store.upsert(List.of(UnitControllerTest.unit("10813", "Thị trấn Thanh Hà", UnitLevel.COMMUNE, "294", "31")),
                SECOND);
        store.markPublished(firstVersions);

        assertThat(store.unpublished()).extracting(StoredUnit::code, StoredUnit::version)
                .containsExactly(tuple("10813", 2L));
    }

    @Test
    void childrenAreThoseWhoseParentItIsOnThatDayByCode() {
        AdministrativeUnit later = new AdministrativeUnit("10900", List.of(new UnitPlacement("2025-07",
                LocalDate.of(2025, 7, 1), null, "Xã Hồng Lạc", "Xã", UnitLevel.COMMUNE, "294")));
        store.upsert(List.of(UnitControllerTest.COMMUNE, later, UnitControllerTest.unit("10700", "Xã Thanh An",
                UnitLevel.COMMUNE, "294", "294"), UnitControllerTest.DISTRICT), FIRST);

        assertThat(store.children("294", LocalDate.of(2025, 3, 10))).extracting(AdministrativeUnit::code)
                .containsExactly("10700", "10813");
        assertThat(store.children("294", LocalDate.of(2025, 7, 1))).extracting(AdministrativeUnit::code)
                .containsExactly("10700", "10900");
        assertThat(store.findAll(List.of("10813", "294", "99999"))).containsOnlyKeys("10813", "294");
    }

    @Test
    void theSearchMatchesAnyNameTheUnitHasHadWithoutDiacriticsByCodeUpToTheLimit() {
        store.upsert(List.of(UnitControllerTest.PROVINCE, UnitControllerTest.DISTRICT, UnitControllerTest.COMMUNE,
                UnitControllerTest.unit("10700", "Xã Thanh An", UnitLevel.COMMUNE, "294", "294")), FIRST);

        assertThat(store.searchByName("thanh ha", 10)).extracting(AdministrativeUnit::code)
                .containsExactly("10813", "294");
        assertThat(store.searchByName("ha moi", 10)).extracting(AdministrativeUnit::code)
                .containsExactly("10813", "294");
        assertThat(store.searchByName("thanh", 2)).extracting(AdministrativeUnit::code)
                .containsExactly("10700", "10813");
        assertThat(store.searchByName("thanh.ha", 10)).as("a dot is a dot, not any character").isEmpty();
    }
}
