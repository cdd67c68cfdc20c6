package dev.cascade.aggregation.query;

import dev.cascade.aggregation.SliceUnits;
import dev.cascade.aggregation.rollup.Contribution;
import dev.cascade.aggregation.rollup.Parts;
import dev.cascade.aggregation.rollup.engine.RollUpDocument;
import dev.cascade.contracts.AggregateKey;
import dev.cascade.contracts.events.AggregatedValue;
import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.Completeness;
import dev.cascade.contracts.events.UnitLevel;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The read side over MockMvc: one aggregate, its missing units, a series and the live feed, and their refusals; read
 * with the ministry analyst's token (who may read every unit).
 */
class AggregateControllerTest extends AggregateControllerSlice {

    static final String MINISTRY = SliceUnits.MINISTRY;

    static final String PROGRAMME = "HD-GDNN-ANNUAL";
    static final AggregateKey DISTRICT = new AggregateKey(PROGRAMME, "2024", "294");
    static final Instant AS_OF = Instant.parse("2024-12-04T02:15:03Z");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    MockMvc mockMvc;

    /** The district's roll-up at {@code seq}: two communes counted, 12 + 30 enrolled. */
    static RollUpDocument rollUp(AggregateKey key, long seq) {
        List<Contribution> communes = List.of(commune("10813", "12"), commune("10825", "30"));
        return new RollUpDocument(key.toString(), key.programme(), key.period(), key.unitCode(), seq,
                UnitLevel.DISTRICT, "30", AS_OF, communes, Map.of("ENROLLED", AggregationRule.SUM),
                Map.of("ENROLLED", new AggregatedValue(AggregationRule.SUM, new BigDecimal("42"), new BigDecimal("42"),
                        null, null, new BigDecimal("12"), new BigDecimal("30"), 2)),
                new Completeness(3, 2, 1, 1), List.of(), List.of(), List.of(), false, 4);
    }

    static Contribution commune(String code, String enrolled) {
        BigDecimal value = new BigDecimal(enrolled);
        return new Contribution(code, Contribution.Source.REPORT, 1,
                Map.of("ENROLLED", new Parts(value, null, null, value, value, 1)), new Completeness(1, 1, 1, 0));
    }

    MvcTestResult aggregate(String period, String unitCode, String restate) {
        var request = mvc.get().uri("/aggregates/{programme}/{period}/{unitCode}", PROGRAMME, period, unitCode).header("Authorization", MINISTRY);
        return (restate == null ? request : request.param("restate", restate)).exchange();
    }

    @Test
    void showsTheStoredRollUpWithItsChildrenWithoutAskingForARestatement() {
        when(rollUps.find(DISTRICT)).thenReturn(Optional.of(rollUp(DISTRICT, 7)));

        var response = aggregate("2024", "294", null);

        assertThat(response).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"programme":"HD-GDNN-ANNUAL","period":"2024","unitCode":"294","level":"DISTRICT","parentCode":"30",
                 "version":7,"asOf":"2024-12-04T02:15:03Z","values":{"ENROLLED":{"rule":"SUM","value":42,"count":2}},
                 "completeness":{"expected":3,"received":2,"onTime":1,"late":1},
                 "children":[{"unitCode":"10813","source":"REPORT","version":1,"values":{"ENROLLED":{"value":12}}},
                             {"unitCode":"10825","values":{"ENROLLED":{"value":30}}}],
                 "restated":false,"approximate":false,"predecessors":[]}""");
        verify(rollUps).find(DISTRICT);
        verify(queries, never()).restated(any());
    }

    @Test
    void aUnitThatExpectsReportersButHasNoneYetShowsNothingReported() {
        AggregateKey key = new AggregateKey(PROGRAMME, "2024", "295");
        when(rollUps.find(key)).thenReturn(Optional.empty());
        when(queries.nothingReportedYet(key)).thenReturn(Optional.of(new AggregateView(PROGRAMME, "2024", "295",
                UnitLevel.DISTRICT, "30", 0, null, Map.of(), new Completeness(5, 0, 0, 0), List.of(), List.of(),
                List.of())));

        assertThat(aggregate("2024", "295", null)).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"unitCode":"295","version":0,"asOf":null,"values":{},
                 "completeness":{"expected":5,"received":0}}""");
    }

    @Test
    void anAggregateNobodyExpectsIsA404NamingItsKey() {
        AggregateKey key = new AggregateKey(PROGRAMME, "2031", "294");
        when(rollUps.find(key)).thenReturn(Optional.empty());
        when(queries.nothingReportedYet(key)).thenReturn(Optional.empty());

        var response = aggregate("2031", "294", null);

        assertThat(response).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"type":"urn:cascade:problem:not-found","title":"Unknown aggregate","status":404,
                         "aggregateKey":"HD-GDNN-ANNUAL|2031|294","errors":[{"field":"unitCode"}]}""");
    }

    @Test
    void restateTrueInAnyCaseAnswersTheRestatedFiguresInsteadOfTheStoredRollUp() {
        AggregateKey key = new AggregateKey(PROGRAMME, "2024", "A25");
        when(queries.restated(key)).thenReturn(Optional.of(new AggregateView(PROGRAMME, "2024", "A25",
                UnitLevel.COMMUNE, "294", 0, AS_OF, Map.of(), new Completeness(2, 2, 2, 0), List.of(), List.of(),
                List.of(), true, true, List.of())));

        assertThat(aggregate("2024", "A25", "TRUE")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("{\"unitCode\":\"A25\",\"restated\":true,\"approximate\":true}");
        verify(queries).restated(key);
        verifyNoInteractions(rollUps);
    }

    @Test
    void restateFindsNothingToRestateAsA404ListingThePredecessors() {
        AggregateKey key = new AggregateKey(PROGRAMME, "2024", "A25");
        when(queries.restated(key)).thenThrow(QueryRefusals.nothingToRestate(key, List.of("10813", "10825")));

        assertThat(aggregate("2024", "A25", "true")).hasStatus(HttpStatus.NOT_FOUND).bodyJson()
                .isLenientlyEqualTo("""
                        {"title":"Nothing to restate","aggregateKey":"HD-GDNN-ANNUAL|2024|A25",
                         "predecessors":["10813","10825"],"errors":[{"field":"unitCode"}]}""");
        verifyNoInteractions(rollUps);
    }

    @Test
    void restateFalseOrBlankReadsTheStoredRollUpAndAnythingElseIsRefused() {
        when(rollUps.find(DISTRICT)).thenReturn(Optional.of(rollUp(DISTRICT, 7)));

        assertThat(aggregate("2024", "294", "False")).hasStatusOk();
        assertThat(aggregate("2024", "294", "")).hasStatusOk();
        var refused = aggregate("2024", "294", "yes");

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"type":"urn:cascade:problem:malformed-request","title":"Invalid parameter",
                         "errors":[{"field":"restate","message":"must be true or false"}]}""");
        verify(queries, never()).restated(any());
        verify(rollUps, org.mockito.Mockito.times(2)).find(DISTRICT);
    }

    @Test
    void aKeyPartHoldingTheSeparatorOrBlankIsRefusedBeforeAnythingIsRead() {
        assertThat(aggregate("2024|x", "294", null)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("period");
        assertThat(aggregate("2024", " ", null)).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("unitCode");
        assertThat(mvc.get().uri("/aggregates/{programme}/{period}/{unitCode}/missing", "HD|X", "2024", "294").header("Authorization", MINISTRY))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("programme");
        verifyNoInteractions(rollUps, queries);
    }

    @Test
    void missingListsTheUnitsBeneathThatHaveNotReportedOrIsA404() {
        when(queries.missing(DISTRICT)).thenReturn(Optional.of(new MissingUnits(DISTRICT.toString(), 3, 2,
                List.of(new MissingUnits.Unit("10837", "Xã Thanh Bình", "294")))));
        AggregateKey unknown = new AggregateKey(PROGRAMME, "2031", "294");
        when(queries.missing(unknown)).thenReturn(Optional.empty());

        assertThat(mvc.get().uri("/aggregates/{p}/{period}/{u}/missing", PROGRAMME, "2024", "294").header("Authorization", MINISTRY)).hasStatusOk()
                .bodyJson().isLenientlyEqualTo("""
                        {"aggregateKey":"HD-GDNN-ANNUAL|2024|294","expected":3,"received":2,
                         "missing":[{"unitCode":"10837","name":"Xã Thanh Bình","parentCode":"294"}]}""");
        assertThat(mvc.get().uri("/aggregates/{p}/{period}/{u}/missing", PROGRAMME, "2031", "294").header("Authorization", MINISTRY))
                .hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.aggregateKey")
                .isEqualTo("HD-GDNN-ANNUAL|2031|294");
    }

    @Test
    void seriesPassesTheRestateChoiceOnAndListsEveryPeriod() {
        AggregateView y2023 = AggregateView.of(rollUp(new AggregateKey(PROGRAMME, "2023", "294"), 3)).withoutChildren();
        AggregateView y2024 = AggregateView.of(rollUp(DISTRICT, 7)).withoutChildren();
        when(queries.series(PROGRAMME, "294", true)).thenReturn(List.of(y2023, y2024));

        assertThat(mvc.get().uri("/aggregates/{p}/series/{u}?restate=true", PROGRAMME, "294").header("Authorization", MINISTRY)).hasStatusOk()
                .bodyJson().isLenientlyEqualTo("""
                        [{"period":"2023","version":3,"children":[]},{"period":"2024","version":7,"children":[]}]""");
        assertThat(mvc.get().uri("/aggregates/{p}/series/{u}", PROGRAMME, "294").header("Authorization", MINISTRY)).hasStatusOk().bodyJson()
                .isEqualTo("[]");
        verify(queries).series(PROGRAMME, "294", true);
        verify(queries).series(PROGRAMME, "294", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFeedSendsEveryChangeOfTheUnitAndOfTheUnitsBeneathItAndNothingElse() throws Exception {
        ArgumentCaptor<Consumer<RollUpDocument>> subscriber = ArgumentCaptor.forClass(Consumer.class);
        when(changes.subscribe(any())).thenReturn(() -> { });
        AggregateKey commune = new AggregateKey(PROGRAMME, "2024", "10813");
        AggregateKey elsewhere = new AggregateKey(PROGRAMME, "2024", "10999");
        when(queries.ancestors(commune)).thenReturn(Set.of("294", "30"));
        when(queries.ancestors(elsewhere)).thenReturn(Set.of("295", "30"));

        MvcResult feed = mockMvc.perform(get("/aggregates/{p}/{period}/{u}/feed", PROGRAMME, "2024", "294").header("Authorization", MINISTRY)
                .accept(MediaType.TEXT_EVENT_STREAM)).andReturn();
        assertThat(feed.getRequest().isAsyncStarted()).isTrue();
        verify(changes).subscribe(subscriber.capture());

        subscriber.getValue().accept(rollUp(DISTRICT, 8));
        subscriber.getValue().accept(rollUp(commune, 2));
        subscriber.getValue().accept(rollUp(elsewhere, 5));
        subscriber.getValue().accept(rollUp(new AggregateKey(PROGRAMME, "2023", "294"), 9));

        String events = feed.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(events.split("event:aggregate\n", -1)).hasSize(3);
        assertThat(events).contains("id:HD-GDNN-ANNUAL|2024|294|8\n", "id:HD-GDNN-ANNUAL|2024|10813|2\n",
                "\"unitCode\":\"294\"", "\"version\":8")
                .doesNotContain("10999", "|2023|");
        verify(queries, never()).ancestors(new AggregateKey(PROGRAMME, "2023", "294"));
    }
}
