package dev.cascade.notification.unit;

import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.notification.NotificationSlices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The units copy's walks up the tree against the embedded store: ancestors by the placements valid on the day asked,
 * many units together in one query per step up, each unit read once per lookup.
 */
@Import(UnitDirectory.class)
class UnitDirectoryTest extends NotificationSlices.Store {

    static final LocalDate BEFORE_REFORM = LocalDate.of(2024, 12, 10);
    static final LocalDate AFTER_REFORM = LocalDate.of(2025, 12, 10);

    @MockitoSpyBean
    MongoTemplate spied;

    @Autowired
    UnitDirectory units;

    /** Two provinces merged into the first on 1 July 2025; district 294 abolished, its communes under the province. */
    @BeforeEach
    void tree() {
        unit("BGDDT", before("Bộ GD&ĐT", UnitLevel.MINISTRY, null), after("Bộ GD&ĐT", UnitLevel.MINISTRY, null));
        unit("30", before("Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"));
        unit("31", before("Thành phố Hải Phòng", UnitLevel.PROVINCE, "BGDDT"),
                after("Thành phố Hải Phòng", UnitLevel.PROVINCE, "BGDDT"));
        unit("294", before("Huyện Thanh Hà", UnitLevel.DISTRICT, "30"));
        unit("10813", before("Thị trấn Thanh Hà", UnitLevel.COMMUNE, "294"),
                after("Xã Thanh Hà", UnitLevel.COMMUNE, "31"));
        unit("10816", before("Xã Hồng Lạc", UnitLevel.COMMUNE, "294"), after("Xã Hà Tây", UnitLevel.COMMUNE, "31"));
        unit("99999", before("Xã không rõ huyện", UnitLevel.COMMUNE, "777")); // its district never arrived
        clearInvocations(spied);
    }

    @Test
    void manyCommunesFindTheirProvinceInOneQueryPerStepUp() {
        Map<String, String> provinces = units.lookup().ancestorsAt(List.of("10813", "10816", "99999", "nowhere"),
                UnitLevel.PROVINCE, BEFORE_REFORM);

        assertThat(provinces).as("99999's district and 'nowhere' are not known: left out")
                .containsExactlyInAnyOrderEntriesOf(Map.of("10813", "30", "10816", "30"));
        // the four communes, then district 294 with the unknown 777, then province 30: three reads, none per unit
        verify(spied, times(3)).find(any(Query.class), eq(UnitCopy.class));
        verify(spied, times(0)).findById(any(), eq(UnitCopy.class));
    }

    @Test
    void ancestorsAreFoundByThePlacementsValidOnTheDayAsked() {
        List<String> codes = List.of("10813", "10816", "294", "31", "99999", "nowhere");

        assertThat(units.lookup().ancestorsAt(codes, UnitLevel.PROVINCE, BEFORE_REFORM))
                .as("a unit at the level asked is its own ancestor").containsExactlyInAnyOrderEntriesOf(Map.of(
                        "10813", "30", "10816", "30", "294", "30", "31", "31"));
        assertThat(units.lookup().ancestorsAt(codes, UnitLevel.PROVINCE, AFTER_REFORM))
                .as("after the reform the communes sit right under the merged province; district 294 keeps its last"
                        + " placement").containsExactlyInAnyOrderEntriesOf(Map.of(
                        "10813", "31", "10816", "31", "294", "30", "31", "31"));
        assertThat(units.lookup().ancestorsAt(List.of("10813", "31"), UnitLevel.DISTRICT, AFTER_REFORM))
                .as("no district after the reform, and none above a province").isEmpty();
    }

    @Test
    void eachLevelAndEachDayHasItsOwnAncestor() {
        assertThat(ancestor("10813", UnitLevel.PROVINCE, BEFORE_REFORM)).isEqualTo("30");
        assertThat(ancestor("10813", UnitLevel.PROVINCE, AFTER_REFORM)).isEqualTo("31");
        assertThat(ancestor("10813", UnitLevel.DISTRICT, BEFORE_REFORM)).isEqualTo("294");
        assertThat(ancestor("10813", UnitLevel.DISTRICT, AFTER_REFORM)).isNull();
        assertThat(ancestor("10813", UnitLevel.MINISTRY, AFTER_REFORM)).isEqualTo("BGDDT");
        assertThat(ancestor("99999", UnitLevel.PROVINCE, BEFORE_REFORM)).isNull();
        assertThat(ancestor("nowhere", UnitLevel.PROVINCE, BEFORE_REFORM)).isNull();
    }

    private String ancestor(String code, UnitLevel level, LocalDate day) {
        return units.lookup().ancestorsAt(List.of(code), level, day).get(code);
    }

    @Test
    void aLookupReadsEachUnitOnceAndNamesItOnTheDay() {
        UnitDirectory.Lookup lookup = units.lookup();
        lookup.ancestorsAt(List.of("10813", "10816"), UnitLevel.PROVINCE, BEFORE_REFORM);
        clearInvocations(spied);

        assertThat(lookup.nameOn("10813", BEFORE_REFORM)).isEqualTo("Thị trấn Thanh Hà");
        assertThat(lookup.nameOn("10813", AFTER_REFORM)).isEqualTo("Xã Thanh Hà");
        assertThat(lookup.nameOn("294", BEFORE_REFORM)).isEqualTo("Huyện Thanh Hà");
        assertThat(lookup.nameOn("30", BEFORE_REFORM)).isEqualTo("Tỉnh Hải Dương");
        verify(spied, times(0)).find(any(Query.class), eq(UnitCopy.class));
        verify(spied, times(0)).findById(any(), eq(UnitCopy.class));

        assertThat(lookup.nameOn("nowhere", BEFORE_REFORM)).as("not known: its code").isEqualTo("nowhere");
        assertThat(lookup.nameOn("nowhere", AFTER_REFORM)).isEqualTo("nowhere");
        verify(spied, times(1)).findById(any(), eq(UnitCopy.class));
    }

    private void unit(String code, UnitPlacement... placements) {
        assertThat(units.apply(new UnitUpserted(code, List.of(placements), 1, List.of()))).isTrue();
    }

    private static UnitPlacement before(String name, UnitLevel level, String parent) {
        return new UnitPlacement("2025-03", null, LocalDate.of(2025, 6, 30), name, "", level, parent);
    }

    private static UnitPlacement after(String name, UnitLevel level, String parent) {
        return new UnitPlacement("2025-07", LocalDate.of(2025, 7, 1), null, name, "", level, parent);
    }
}
