package dev.cascade.plan.unit;

import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.plan.PlanSlices;
import dev.cascade.plan.unit.domain.AdministrativeUnit;
import dev.cascade.plan.unit.domain.ProvinceSelection;
import dev.cascade.platform.audit.AuditTrail;
import dev.cascade.platform.audit.AuditedChange;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Grant;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * {@code /units} over MockMvc: a unit, its children, subtree and path as placed on a day (by default today in Hanoi by
 * the clock), the search, attaching an agency and importing the official lists.
 */
@PlanSlices.Web(UnitController.class)
class UnitControllerTest extends PlanSlices.WebTest {

    static final LocalDate TODAY = LocalDate.of(2025, 3, 10);
    static final LocalDate MERGED = LocalDate.of(2025, 7, 1);
    static final Instant STORED = Instant.parse("2025-03-01T00:00:00Z");

    @MockitoBean
    UnitStore store;
    @MockitoBean
    UnitImport unitImport;
    @MockitoBean
    AuditTrail audit;

    static final Grant NATIONAL_ADMIN = new Grant(new Caller("admin", "admin", "BGDDT", Set.of(Role.ADMIN)),
            Role.ADMIN, "ADMIN of the national unit BGDDT");

    /** A unit placed under {@code before} until 30 June 2025 and under {@code after} from 1 July. */
    static AdministrativeUnit unit(String code, String name, UnitLevel level, String before, String after,
                                   UnitPredecessor... predecessors) {
        return new AdministrativeUnit(code, List.of(
                new UnitPlacement("2025-03", null, MERGED.minusDays(1), name, "Huyện", level, before),
                new UnitPlacement("2025-07", MERGED, null, name + " mới", "Xã", level, after)),
                List.of(predecessors));
    }

    static final AdministrativeUnit PROVINCE = unit("30", "Tỉnh Hải Dương", UnitLevel.PROVINCE, "MOET", "MOET");
    static final AdministrativeUnit DISTRICT = unit("294", "Huyện Thanh Hà", UnitLevel.DISTRICT, "30", "30");
    static final AdministrativeUnit COMMUNE = unit("10813", "Thị trấn Thanh Hà", UnitLevel.COMMUNE, "294", "30",
            new UnitPredecessor("10816", PredecessorKind.FULL));

    void stored(AdministrativeUnit... units) {
        for (AdministrativeUnit u : units) {
            when(store.find(u.code())).thenReturn(Optional.of(new StoredUnit(u, 2, STORED, true)));
        }
    }

    @Test
    void aUnitIsShownAsPlacedTodayInHanoiWithoutThePredecessorsOfItsLaterPlacement() {
        stored(COMMUNE);

        assertThat(mvc.get().uri("/units/{code}", "10813")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"code":"10813","name":"Thị trấn Thanh Hà","level":"COMMUNE","type":"Huyện","parentCode":"294",
                 "hierarchy":"2025-03","validFrom":null,"validTo":"2025-06-30","predecessors":[]}""");
        assertThat(mvc.get().uri("/units/{code}?asOf={day}", "10813", " 2025-07-01 ")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        {"name":"Thị trấn Thanh Hà mới","parentCode":"30","hierarchy":"2025-07",
                         "predecessors":[{"code":"10816","kind":"FULL"}]}""");
    }

    @Test
    void aMalformedDayIsRefusedBeforeTheStoreIsAsked() {
        var response = mvc.get().uri("/units/{code}/children?asOf={day}", "294", "10/03/2025").exchange();

        assertProblem(response, HttpStatus.BAD_REQUEST, "asOf");
        assertThat(response).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("must be a date yyyy-MM-dd, not 10/03/2025");
        verifyNoInteractions(store, unitImport);
    }

    @Test
    void anUnknownUnitAndAUnitThatNoLongerExistsThatDayAre404() {
        when(store.find("99999")).thenReturn(Optional.empty());
        AdministrativeUnit gone = new AdministrativeUnit("10816", List.of(new UnitPlacement("2025-03", null,
                MERGED.minusDays(1), "Xã Thanh Hải", "Xã", UnitLevel.COMMUNE, "294")));
        stored(gone);

        var unknown = mvc.get().uri("/units/{code}", "99999").exchange();
        var merged = mvc.get().uri("/units/{code}/path?asOf=2025-07-01", "10816").exchange();

        assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND).bodyJson().isLenientlyEqualTo("""
                {"type":"urn:cascade:problem:not-found","detail":"no unit 99999"}""");
        assertThat(merged).hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.detail")
                .isEqualTo("unit 10816 does not exist on 2025-07-01");
    }

    @Test
    void childrenAreTheStoresChildrenOnTheDayAsked() {
        stored(DISTRICT);
        when(store.children("294", LocalDate.of(2025, 6, 30))).thenReturn(List.of(COMMUNE));

        assertThat(mvc.get().uri("/units/{code}/children?asOf=2025-06-30", "294")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        [{"code":"10813","name":"Thị trấn Thanh Hà","parentCode":"294","validTo":"2025-06-30"}]""");
        verify(store).children("294", LocalDate.of(2025, 6, 30));
    }

    @Test
    void theSubtreeIsDepthFirstWithEachUnitsDepth() {
        stored(PROVINCE);
        AdministrativeUnit otherDistrict = unit("295", "Huyện Nam Sách", UnitLevel.DISTRICT, "30", "30");
        when(store.children("30", TODAY)).thenReturn(List.of(DISTRICT, otherDistrict));
        when(store.children("294", TODAY)).thenReturn(List.of(COMMUNE));
        when(store.children("295", TODAY)).thenReturn(List.of());
        when(store.children("10813", TODAY)).thenReturn(List.of());

        assertThat(mvc.get().uri("/units/{code}/subtree", "30")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                [{"depth":0,"code":"30","name":"Tỉnh Hải Dương","level":"PROVINCE","type":"Huyện","parentCode":"MOET"},
                 {"depth":1,"code":"294","name":"Huyện Thanh Hà","level":"DISTRICT","type":"Huyện","parentCode":"30"},
                 {"depth":2,"code":"10813","name":"Thị trấn Thanh Hà","level":"COMMUNE","type":"Huyện",
                  "parentCode":"294"},
                 {"depth":1,"code":"295","name":"Huyện Nam Sách","level":"DISTRICT","type":"Huyện","parentCode":"30"}]""");
    }

    @Test
    void thePathClimbsThroughTheParentsOfThatDayUntilOneIsMissing() {
        stored(COMMUNE, DISTRICT, PROVINCE);
        when(store.find("MOET")).thenReturn(Optional.empty());

        assertThat(mvc.get().uri("/units/{code}/path", "10813")).hasStatusOk().bodyJson()
                .extractingPath("$[*].code").asArray().containsExactly("10813", "294", "30");
        assertThat(mvc.get().uri("/units/{code}/path?asOf=2025-07-01", "10813")).hasStatusOk().bodyJson()
                .extractingPath("$[*].code").asArray().containsExactly("10813", "30");
    }

    @Test
    void theSearchFoldsTheNameFiltersByLevelAndDayAndStopsAtTheLimit() {
        AdministrativeUnit town = unit("10814", "Xã Thanh Hải", UnitLevel.COMMUNE, "294", "30");
        when(store.searchByName("thanh ha", 5000)).thenReturn(List.of(DISTRICT, COMMUNE, town));

        assertThat(mvc.get().uri("/units?name={name}&level=commune", "  THANH   Hà ")).hasStatusOk().bodyJson()
                .extractingPath("$[*].code").asArray().containsExactly("10813", "10814");
        assertThat(mvc.get().uri("/units?name={name}&limit=1", "thanh ha")).hasStatusOk().bodyJson()
                .extractingPath("$[*].code").asArray().containsExactly("294");
        verify(store, times(2)).searchByName("thanh ha", 5000);
    }

    @Test
    void aSearchWithTooShortANameAnUnknownLevelOrABadLimitIsRefused() {
        assertProblem(mvc.get().uri("/units?name={name}", " h ").exchange(), HttpStatus.BAD_REQUEST, "name");
        assertProblem(mvc.get().uri("/units?name=thanh&level=VILLAGE").exchange(), HttpStatus.BAD_REQUEST, "level");
        assertProblem(mvc.get().uri("/units?name=thanh&limit=201").exchange(), HttpStatus.BAD_REQUEST, "limit");
        assertProblem(mvc.get().uri("/units?name=thanh&limit=many").exchange(), HttpStatus.BAD_REQUEST, "limit");
        verifyNoInteractions(store);
    }

    @Test
    void anAgencyIsAttachedUnderItsParentWithTrimmedTextAnd201WhenNew() {
        stored(PROVINCE);
        when(store.find("30-SLDTBXH")).thenReturn(Optional.empty());
        AdministrativeUnit agency = new AdministrativeUnit("30-SLDTBXH", List.of(new UnitPlacement("2025-03", null,
                null, "Sở Lao động", "Sở", UnitLevel.AGENCY, "30")));
        when(unitImport.attachAgency("30-SLDTBXH", "Sở Lao động", "Sở", PROVINCE))
                .thenReturn(new UnitImport.Attached(new StoredUnit(agency, 1, STORED, false), "created"));

        var response = send(HttpMethod.PUT, """
                {"name":"  Sở Lao động ","type":" Sở","parentCode":" 30 "}""", "/units/{code}", "30-SLDTBXH");

        assertThat(response).hasStatus(HttpStatus.CREATED).bodyJson().isLenientlyEqualTo("""
                {"outcome":"created","unit":{"version":1,"published":false,
                 "unit":{"code":"30-SLDTBXH","placements":[{"level":"AGENCY","parentCode":"30"}]}}}""");
        verify(unitImport).attachAgency("30-SLDTBXH", "Sở Lao động", "Sở", PROVINCE);
        verify(audit).record(NATIONAL_ADMIN, AuditedChange.of("unit.written", "unit", "30-SLDTBXH", "BGDDT", null, 1L));
    }

    @Test
    void anAgencyAlreadySoIs200() {
        stored(PROVINCE);
        AdministrativeUnit agency = new AdministrativeUnit("30-SLDTBXH", List.of(new UnitPlacement("2025-03", null,
                null, "Sở Lao động", "Sở", UnitLevel.AGENCY, "30")));
        stored(agency);
        when(unitImport.attachAgency(anyString(), anyString(), anyString(), any()))
                .thenReturn(new UnitImport.Attached(new StoredUnit(agency, 2, STORED, true), "unchanged"));

        assertThat(send(HttpMethod.PUT, "{\"name\":\"Sở Lao động\",\"type\":\"Sở\",\"parentCode\":\"30\"}",
                "/units/{code}", "30-SLDTBXH")).hasStatusOk().bodyJson().extractingPath("$.outcome")
                .isEqualTo("unchanged");
        verifyNoInteractions(audit);
    }

    @Test
    void aBadCodeMissingTextAndAnUnknownParentAreRefusedTogetherAndNothingIsAttached() {
        when(store.find("99")).thenReturn(Optional.empty());

        var response = send(HttpMethod.PUT, "{\"type\":\"%s\",\"parentCode\":\"99\"}".formatted("t".repeat(101)),
                "/units/{code}", "30 sldtbxh");

        assertProblem(response, HttpStatus.BAD_REQUEST, "code", "name", "type", "parentCode");
        assertThat(response).bodyJson().extractingPath("$.title").isEqualTo("Invalid unit");
        verifyNoInteractions(unitImport);
    }

    @Test
    void anAgencyMayNotBeItsOwnParentNorTakeATerritorialCodeNorComeWithoutABody() {
        AdministrativeUnit territorial = unit("30-X", "Khu kinh tế", UnitLevel.DISTRICT, "30", "30");
        stored(territorial, PROVINCE);

        var ownParent = send(HttpMethod.PUT, "{\"name\":\"Ban\",\"type\":\"Ban\",\"parentCode\":\"30-X\"}",
                "/units/{code}", "30-X");
        var territorialCode = send(HttpMethod.PUT, "{\"name\":\"Ban\",\"type\":\"Ban\",\"parentCode\":\"30\"}",
                "/units/{code}", "30-X");
        var noBody = mvc.put().uri("/units/{code}", "30-X").exchange();

        assertProblem(ownParent, HttpStatus.BAD_REQUEST, "parentCode");
        assertProblem(territorialCode, HttpStatus.CONFLICT, "code");
        assertProblem(noBody, HttpStatus.BAD_REQUEST, "body");
        verify(unitImport, never()).attachAgency(any(), any(), any(), any());
    }

    @Test
    void anImportSelectsTheProvincesAsListed() {
        UnitImport.Result result = new UnitImport.Result("30,01", 320, 300, 5, 15, 305, 0, 42, List.of("30"),
                List.of("294"));
        when(unitImport.importUnits(new ProvinceSelection(false, Set.of("30", "01")))).thenReturn(result);

        assertThat(send(HttpMethod.POST, "{\"provinces\":\" 30, 01,\"}", "/units/imports")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("""
                        {"selection":"30,01","units":320,"created":300,"changed":5,"published":305,"pending":0,
                         "createdCodes":["30"],"changedCodes":["294"]}""");
        verify(unitImport).importUnits(new ProvinceSelection(false, Set.of("30", "01")));
        verify(audit).record(NATIONAL_ADMIN, AuditedChange.of("units.imported", "units", "30,01", "BGDDT", null,
                null));
    }

    @Test
    void anImportWithoutProvincesIsRefused() {
        assertProblem(send(HttpMethod.POST, "{\"provinces\":\" \"}", "/units/imports"), HttpStatus.BAD_REQUEST,
                "provinces");
        assertProblem(mvc.post().uri("/units/imports").exchange(), HttpStatus.BAD_REQUEST, "provinces");
        verify(unitImport, never()).importUnits(any());
        verify(store, never()).searchByName(anyString(), anyInt());
    }

    @Test
    void onlyTheNationalAdministratorWritesUnitsAndNothingIsLookedAtForAnyoneElse() {
        String planner = TestIssuer.shared().bearer("planner-30", "30", Role.PLANNER);
        String provinceAdmin = TestIssuer.shared().bearer("admin-30", "30", Role.ADMIN);

        var agency = mvc.put().uri("/units/{code}", "30-SLDTBXH").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Sở\",\"type\":\"Sở\",\"parentCode\":\"30\"}").header("Authorization", planner)
                .exchange();
        var imports = mvc.post().uri("/units/imports").contentType(MediaType.APPLICATION_JSON)
                .content("{\"provinces\":\"30\"}").header("Authorization", provinceAdmin).exchange();

        assertThat(agency).hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.rule")
                .isEqualTo("ADMIN of the national unit BGDDT");
        assertThat(imports).hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:cascade:problem:forbidden");
        verifyNoInteractions(store, unitImport, audit);
    }
}
