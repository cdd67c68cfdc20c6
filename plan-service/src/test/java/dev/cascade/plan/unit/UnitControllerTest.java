package dev.cascade.plan.unit;

import dev.cascade.plan.unit.domain.Agency;
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
@PlanSlices.Web({UnitController.class, UnitWriteController.class})
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
        when(unitImport.attachAgency("30-SLDTBXH", "Sở Lao động", "Sở", PROVINCE, List.of()))
                .thenReturn(new UnitImport.Attached(new StoredUnit(agency, 1, STORED, false), "created"));

        var response = send(HttpMethod.PUT, """
                {"name":"  Sở Lao động ","type":" Sở","parentCode":" 30 "}""", "/units/{code}", "30-SLDTBXH");

        assertThat(response).hasStatus(HttpStatus.CREATED).bodyJson().isLenientlyEqualTo("""
                {"outcome":"created","unit":{"version":1,"published":false,
                 "unit":{"code":"30-SLDTBXH","placements":[{"level":"AGENCY","parentCode":"30"}]}}}""");
        verify(unitImport).attachAgency("30-SLDTBXH", "Sở Lao động", "Sở", PROVINCE, List.of());
        verify(audit).record(NATIONAL_ADMIN, AuditedChange.of("unit.written", "unit", "30-SLDTBXH", "BGDDT", null, 1L));
    }

    @Test
    void anAgencyAlreadySoIs200() {
        stored(PROVINCE);
        AdministrativeUnit agency = new AdministrativeUnit("30-SLDTBXH", List.of(new UnitPlacement("2025-03", null,
                null, "Sở Lao động", "Sở", UnitLevel.AGENCY, "30")));
        stored(agency);
        when(unitImport.attachAgency(anyString(), anyString(), anyString(), any(), any()))
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
        verify(unitImport, never()).attachAgency(any(), any(), any(), any(), any());
    }

    /** The department of Hải Phòng 31 as formed on 1 July 2025, and those of the provinces merged into it. */
    static final AdministrativeUnit HAI_PHONG = new AdministrativeUnit("31", List.of(new UnitPlacement("2025-07",
            MERGED, null, "Thành phố Hải Phòng", "Thành phố", UnitLevel.PROVINCE, "MOET")));
    static final AdministrativeUnit HAI_DUONG_SO = new AdministrativeUnit("30-SGDDT", List.of(
            new UnitPlacement("2025-03", null, MERGED.minusDays(1), "Sở GDĐT Hải Dương", "Sở", UnitLevel.AGENCY,
                    "30")));
    static final AdministrativeUnit OLD_HAI_PHONG_SO = new AdministrativeUnit("31-SGDDT-CU", List.of(
            new UnitPlacement("2025-03", null, MERGED.minusDays(1), "Sở GDĐT Hải Phòng", "Sở", UnitLevel.AGENCY,
                    "31")));
    /** An agency of province 30, which goes on under the same code after the reform. */
    static final AdministrativeUnit STILL_THERE = Agency.attach("30-STC", "Sở Tài chính", "Sở", PROVINCE);
    /** A province no reform formed: its one placement has no first day. */
    static final AdministrativeUnit HA_NOI = new AdministrativeUnit("01", List.of(new UnitPlacement("2025-03", null,
            null, "Thành phố Hà Nội", "Thành phố", UnitLevel.PROVINCE, "MOET")));

    @Test
    void anAgencyFormedByAMergerNamesTheAgenciesItTookOver() {
        stored(HAI_PHONG, HAI_DUONG_SO, OLD_HAI_PHONG_SO);
        when(store.find("31-SGDDT")).thenReturn(Optional.empty());
        List<UnitPredecessor> predecessors = List.of(new UnitPredecessor("30-SGDDT", PredecessorKind.FULL),
                new UnitPredecessor("31-SGDDT-CU", PredecessorKind.PARTIAL));
        AdministrativeUnit formed = Agency.attach("31-SGDDT", "Sở GDĐT Hải Phòng", "Sở", HAI_PHONG, predecessors);
        when(unitImport.attachAgency("31-SGDDT", "Sở GDĐT Hải Phòng", "Sở", HAI_PHONG, predecessors))
                .thenReturn(new UnitImport.Attached(new StoredUnit(formed, 1, STORED, false), "created"));

        var response = send(HttpMethod.PUT, """
                {"name":"Sở GDĐT Hải Phòng","type":"Sở","parentCode":"31","predecessors":[
                 {"code":"30-SGDDT","kind":"FULL"},{"code":" 31-SGDDT-CU ","kind":"PARTIAL"}]}""",
                "/units/{code}", "31-SGDDT");

        assertThat(response).hasStatus(HttpStatus.CREATED).bodyJson().isLenientlyEqualTo("""
                {"outcome":"created","unit":{"unit":{"code":"31-SGDDT",
                 "placements":[{"validFrom":"2025-07-01","level":"AGENCY","parentCode":"31"}],
                 "predecessors":[{"code":"30-SGDDT","kind":"FULL"},{"code":"31-SGDDT-CU","kind":"PARTIAL"}]}}}""");
        verify(unitImport).attachAgency("31-SGDDT", "Sở GDĐT Hải Phòng", "Sở", HAI_PHONG, predecessors);
    }

    @Test
    void aPredecessorMustBeAnotherAgencyGoneBeforeTheNewOneBeginsNamedOnceWithAKnownKind() {
        stored(HAI_PHONG, HAI_DUONG_SO, PROVINCE, DISTRICT, STILL_THERE, HA_NOI);
        List.of("31-SGDDT", "99-X", "31-STC", "01-SGDDT")
                .forEach(code -> when(store.find(code)).thenReturn(Optional.empty()));

        var response = send(HttpMethod.PUT, """
                {"name":"Sở GDĐT Hải Phòng","type":"Sở","parentCode":"31","predecessors":[
                 {"code":"99-X","kind":"FULL"},{"code":"294","kind":"FULL"},{"code":"31-SGDDT","kind":"FULL"},
                 {"code":"30-SGDDT","kind":"FULL"},{"code":"30-SGDDT","kind":"PARTIAL"}]}""",
                "/units/{code}", "31-SGDDT");
        var badKind = send(HttpMethod.PUT, """
                {"name":"Sở","type":"Sở","parentCode":"31","predecessors":[{"code":"30-SGDDT","kind":"HALF"}]}""",
                "/units/{code}", "31-SGDDT");
        // an agency still in place was not taken over; an agency of a unit no reform formed took nothing over
        var stillThere = send(HttpMethod.PUT, """
                {"name":"Sở","type":"Sở","parentCode":"31","predecessors":[{"code":"30-STC","kind":"FULL"}]}""",
                "/units/{code}", "31-STC");
        var notFormed = send(HttpMethod.PUT, """
                {"name":"Sở","type":"Sở","parentCode":"01","predecessors":[{"code":"30-SGDDT","kind":"FULL"}]}""",
                "/units/{code}", "01-SGDDT");

        assertProblem(response, HttpStatus.BAD_REQUEST, "predecessors[0].code", "predecessors[1].code",
                "predecessors[2].code", "predecessors[4].code");
        assertThat(response).bodyJson().extractingPath("$.errors[*].message").asArray().containsExactly(
                "unknown unit 99-X",
                "294 is a territorial unit: its successors come from the official merge lists",
                "must not be the agency itself",
                "30-SGDDT appears twice");
        assertProblem(badKind, HttpStatus.BAD_REQUEST, "predecessors[0].kind");
        assertProblem(stillThere, HttpStatus.BAD_REQUEST, "predecessors[0].code");
        assertThat(stillThere).bodyJson().extractingPath("$.errors[0].message").isEqualTo("30-STC is still in "
                + "place on 2025-07-01, when 31-STC's placement under 31 begins");
        assertProblem(notFormed, HttpStatus.BAD_REQUEST, "predecessors[0].code");
        assertThat(notFormed).bodyJson().extractingPath("$.errors[0].message").isEqualTo("the placement under 01 "
                + "has no first day (it was not formed by a reform), so there is nothing it can have taken over");
        verify(unitImport, never()).attachAgency(any(), any(), any(), any(), any());
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
