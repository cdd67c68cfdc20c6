package dev.cascade.plan.plans;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.contracts.events.PlanTask;
import dev.cascade.contracts.events.ReportingPeriod;
import dev.cascade.contracts.events.Target;
import dev.cascade.contracts.events.TargetComparator;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.plan.PlanSlices;
import dev.cascade.plan.plans.domain.InvalidPlan;
import dev.cascade.plan.plans.domain.Plan;
import dev.cascade.plan.plans.domain.PlanConflict;
import dev.cascade.plan.plans.domain.PlanContent;
import dev.cascade.plan.plans.domain.PlanNotFound;
import dev.cascade.plan.plans.domain.Programme;
import dev.cascade.plan.plans.domain.ProposedPlan;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedProgramme;
import dev.cascade.plan.plans.domain.ProposedPlan.ProposedTarget;
import dev.cascade.plan.plans.domain.Revocation;
import dev.cascade.plan.plans.domain.UnresolvedUnits;
import dev.cascade.plan.schedule.DeadlineRule;
import dev.cascade.plan.validation.Violation;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code /plans} over MockMvc: what reaches {@link Plans}, how a plan is shown, and every refusal's problem document. */
@PlanSlices.Web(PlanController.class)
class PlanControllerTest extends PlanSlices.WebTest {

    static final String PLAN_ID = "KH-30-2023-2625";
    static final Instant CREATED = Instant.parse("2023-11-20T03:00:00Z");

    /** The body a client sends for plan 2625/KH-UBND of province 30. */
    static final String BODY = """
            {"number":"2625/KH-UBND","title":"Kế hoạch thực hiện Chiến lược phát triển GDNN","issuerUnitCode":"30",
             "issueDate":"2023-11-20","basis":["Quyết định 2239/QĐ-TTg"],"horizonStart":2024,"horizonEnd":2025,
             "targets":[{"indicator":"GDNN_ENROLLED","year":2025,"comparator":"AT_LEAST","value":1200}],
             "programme":{"code":"HD-GDNN-ANNUAL","title":"Báo cáo năm","frequency":"ANNUAL",
                          "indicators":["GDNN_ENROLLED"],"outline":["results"],"deadlines":{"COMMUNE":"12-10"}},
             "reportingUnits":["10813"]}""";

    /** The caller of every plan write below: the token {@code FittingTokens} gives, a PLANNER of province 30. */
    static final Caller PLANNER_30 = new Caller("planner-30", "planner-30", "30", Set.of(Role.PLANNER));

    @MockitoBean
    Plans plans;

    /** {@link #BODY} as the controller must hand it on: nothing dropped, nothing added. */
    static ProposedPlan proposed() {
        return new ProposedPlan("2625/KH-UBND", "Kế hoạch thực hiện Chiến lược phát triển GDNN", "30", "2023-11-20",
                List.of("Quyết định 2239/QĐ-TTg"), 2024, 2025,
                List.of(new ProposedTarget("GDNN_ENROLLED", 2025, "AT_LEAST", new BigDecimal("1200"), null)), null,
                new ProposedProgramme("HD-GDNN-ANNUAL", "Báo cáo năm", "ANNUAL", List.of("GDNN_ENROLLED"),
                        List.of("results"), Map.of("COMMUNE", "12-10")),
                List.of("10813"));
    }

    static Plan draft() {
        Programme programme = new Programme("HD-GDNN-ANNUAL", "Báo cáo năm", Frequency.ANNUAL,
                List.of("GDNN_ENROLLED"), List.of("results"), Map.of(UnitLevel.COMMUNE, DeadlineRule.parse("12-10")));
        PlanContent content = new PlanContent("2625/KH-UBND", "Kế hoạch thực hiện Chiến lược phát triển GDNN", "30",
                LocalDate.of(2023, 11, 20), List.of("Quyết định 2239/QĐ-TTg"), 2024, 2025,
                List.of(new Target("GDNN_ENROLLED", 2025, TargetComparator.AT_LEAST, new BigDecimal("1200"), null)),
                List.of(new PlanTask("1", "Tuyển sinh", "30", List.of())), programme, List.of("10813"),
                List.of(new Violation("programme.deadlines.COMMUNE", "before the cut-off end")));
        ReportingPeriod y2024 = new ReportingPeriod("2024", LocalDate.of(2023, 12, 15), LocalDate.of(2024, 12, 14),
                Map.of(UnitLevel.COMMUNE, LocalDate.of(2024, 12, 10)));
        return Plan.draft(content, List.of(y2024), CREATED, "planner-30");
    }

    @Test
    void createHandsTheBodyOnAsSentAndAnswers201WithTheDraftAndWhereItLives() {
        when(plans.create(proposed(), PLANNER_30)).thenReturn(draft());

        var response = send(HttpMethod.POST, BODY, "/plans");

        assertThat(response).hasStatus(HttpStatus.CREATED).hasHeader("Location", "http://localhost/plans/" + PLAN_ID)
                .bodyJson().isLenientlyEqualTo("""
                        {"planId":"KH-30-2023-2625","status":"DRAFT","version":1,"issuedVersion":0,"published":false,
                         "number":"2625/KH-UBND","issuerUnitCode":"30","issueDate":"2023-11-20",
                         "horizonStart":2024,"horizonEnd":2025,
                         "targets":[{"indicator":"GDNN_ENROLLED","year":2025,"comparator":"AT_LEAST","value":1200}],
                         "tasks":[{"number":"1","leadUnit":"30"}],
                         "programme":{"code":"HD-GDNN-ANNUAL","frequency":"ANNUAL","dataForm":[],
                                      "deadlines":{"COMMUNE":"12-10"},
                                      "periods":[{"id":"2024","cutOffEnd":"2024-12-14",
                                                  "deadlines":{"COMMUNE":"2024-12-10"}}]},
                         "reportingUnits":["10813"],"createdAt":"2023-11-20T03:00:00Z","issuedAt":null,
                         "warnings":[{"field":"programme.deadlines.COMMUNE"}],"revocation":null}""");
        verify(plans).create(proposed(), PLANNER_30);
    }

    @Test
    void whatThePlanRulesRefuseIsA400NamingEveryField() {
        when(plans.create(any(), any())).thenThrow(new InvalidPlan(List.of(
                new Violation("programme.code", "must be upper-case letters, digits, '-' or '_'"),
                new Violation("reportingUnits[0]", "unknown unit 99999"))));

        var response = send(HttpMethod.POST, BODY, "/plans");

        assertProblem(response, HttpStatus.BAD_REQUEST, "programme.code", "reportingUnits[0]");
        assertThat(response).bodyJson().extractingPath("$.title").isEqualTo("Invalid plan");
        assertThat(response).bodyJson().extractingPath("$.errors[1].message").isEqualTo("unknown unit 99999");
    }

    @Test
    void unitsThatCannotBeResolvedOnAPeriodAreA422NamingTheFieldTheUnitsAndThePeriods() {
        when(plans.issue(PLAN_ID, PLANNER_30)).thenThrow(new UnresolvedUnits(PLAN_ID, List.of(
                new UnresolvedUnits.Unresolved("reportingUnits", "30-SLDTBXH", List.of("2025", "2026"),
                        "unit 30-SLDTBXH has neither a placement nor a successor on the cut-off end of periods 2025"
                                + " (2025-12-14), 2026 (2026-12-14)"))));

        var issued = mvc.post().uri("/plans/{id}/issue", PLAN_ID).exchange();

        assertProblem(issued, HttpStatus.UNPROCESSABLE_ENTITY, "reportingUnits");
        assertThat(issued).bodyJson().isLenientlyEqualTo("""
                {"title":"Units cannot be resolved","status":422,
                 "detail":"plan KH-30-2023-2625: 1 unit(s) have neither a placement nor a successor on the cut-off end of a period: 30-SLDTBXH",
                 "errors":[{"field":"reportingUnits","message":"unit 30-SLDTBXH has neither a placement nor a successor on the cut-off end of periods 2025 (2025-12-14), 2026 (2026-12-14)"}],
                 "unresolved":[{"field":"reportingUnits","unitCode":"30-SLDTBXH","periods":["2025","2026"]}]}""");
    }

    @Test
    void aBodyThatIsNotStrictJsonIsRefusedBeforeThePlanIsLookedAt() {
        var yearAsText = send(HttpMethod.POST, BODY.replace("\"horizonStart\":2024", "\"horizonStart\":\"2024\""),
                "/plans");
        var numberTwice = send(HttpMethod.PUT, BODY.replace("{\"number\":\"2625/KH-UBND\",",
                "{\"number\":\"1/KH\",\"number\":\"2625/KH-UBND\","), "/plans/{id}", PLAN_ID);

        assertProblem(yearAsText, HttpStatus.BAD_REQUEST, "horizonStart");
        assertProblem(numberTwice, HttpStatus.BAD_REQUEST, "number");
        assertThat(numberTwice).bodyJson().extractingPath("$.title").isEqualTo("Malformed request body");
        verifyNoInteractions(plans);
    }

    @Test
    void reviseAndAmendPassThePlanIdAndTheBody() {
        when(plans.revise(PLAN_ID, proposed(), PLANNER_30)).thenReturn(draft());
        when(plans.amend(PLAN_ID, proposed(), PLANNER_30)).thenThrow(new PlanConflict(
                "an amendment keeps the programme code HD-GDNN-ANNUAL", "programme.code"));

        assertThat(send(HttpMethod.PUT, BODY, "/plans/{id}", PLAN_ID)).hasStatusOk().bodyJson()
                .extractingPath("$.planId").isEqualTo(PLAN_ID);
        var amended = send(HttpMethod.POST, BODY, "/plans/{id}/amendments", PLAN_ID);

        assertProblem(amended, HttpStatus.CONFLICT, "programme.code");
        assertThat(amended).bodyJson().extractingPath("$.detail")
                .isEqualTo("an amendment keeps the programme code HD-GDNN-ANNUAL");
        verify(plans).revise(PLAN_ID, proposed(), PLANNER_30);
        verify(plans).amend(PLAN_ID, proposed(), PLANNER_30);
    }

    @Test
    void aConflictOfStateNamesNoFieldAndAnUnknownPlanIsA404() {
        when(plans.issue(PLAN_ID, PLANNER_30)).thenThrow(new PlanConflict("plan " + PLAN_ID + " is already issued", null));
        when(plans.get("KH-30-2023-9999")).thenThrow(new PlanNotFound("KH-30-2023-9999"));

        var issued = mvc.post().uri("/plans/{id}/issue", PLAN_ID).exchange();
        var unknown = mvc.get().uri("/plans/{id}", "KH-30-2023-9999").exchange();

        assertThat(issued).hasStatus(HttpStatus.CONFLICT).bodyJson().isLenientlyEqualTo("""
                {"type":"urn:cascade:problem:conflict","title":"Conflict","status":409,
                 "detail":"plan KH-30-2023-2625 is already issued"}""");
        assertThat(issued).bodyJson().doesNotHavePath("$.errors");
        assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND).bodyJson().isLenientlyEqualTo("""
                {"type":"urn:cascade:problem:not-found","title":"Not found","detail":"no plan KH-30-2023-9999"}""");
    }

    @Test
    void aRevocationWithoutABodyIsDatedTodayInVietnam() {
        when(plans.revoke(any(), any(), any())).thenReturn(draft());

        assertThat(mvc.post().uri("/plans/{id}/revocation", PLAN_ID)).hasStatusOk();

        // the clock stands at 18:30 UTC on 9 March: already 10 March in Hanoi
        verify(plans).revoke(PLAN_ID, new Revocation(LocalDate.of(2025, 3, 10), null, null), PLANNER_30);
    }

    @Test
    void aRevocationsFieldsAreTrimmedAndBlankOnesDropped() {
        when(plans.revoke(any(), any(), any())).thenReturn(draft());

        assertThat(send(HttpMethod.POST, """
                {"revokedOn":" 2025-01-31 ","revokedBy":"  ","reason":" Thay bằng kế hoạch 118/KH-UBND "}""",
                "/plans/{id}/revocation", PLAN_ID)).hasStatusOk();

        verify(plans).revoke(PLAN_ID, new Revocation(LocalDate.of(2025, 1, 31), null,
                "Thay bằng kế hoạch 118/KH-UBND"), PLANNER_30);
    }

    @Test
    void aRevocationWithABadDateOrTooLongTextIsRefusedAndNothingIsRevoked() {
        var response = send(HttpMethod.POST, """
                {"revokedOn":"31/01/2025","revokedBy":"%s","reason":"%s"}""".formatted("x".repeat(101),
                "y".repeat(2001)), "/plans/{id}/revocation", PLAN_ID);

        assertProblem(response, HttpStatus.BAD_REQUEST, "revokedOn", "revokedBy", "reason");
        assertThat(response).bodyJson().isLenientlyEqualTo("""
                {"title":"Invalid revocation","detail":"3 field(s) are missing or wrong"}""");
        assertThat(response).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("must be a date yyyy-MM-dd, not 31/01/2025");
        verify(plans, never()).revoke(any(), any(), any());
    }

    @Test
    void theListSummarizesEveryPlan() {
        when(plans.all()).thenReturn(List.of(draft()));

        assertThat(mvc.get().uri("/plans")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                [{"planId":"KH-30-2023-2625","status":"DRAFT","version":1,"number":"2625/KH-UBND",
                  "title":"Kế hoạch thực hiện Chiến lược phát triển GDNN","issuerUnitCode":"30",
                  "issueDate":"2023-11-20","programme":"HD-GDNN-ANNUAL","reportingUnits":1,"issuedVersion":0,
                  "targets":1,"tasks":1}]""");
    }

    @Test
    void withoutAValidTokenNothingReachesThePlansAndTheAnswerIs401WithAChallenge() {
        var none = mvc.post().uri("/plans").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(BODY).header("Authorization", "Bearer not-a-token").exchange();
        var expired = mvc.get().uri("/plans").header("Authorization", "Bearer "
                + TestIssuer.shared().expiredToken("planner-30", "30", Role.PLANNER)).exchange();

        assertThat(none).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(none.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(expired).hasStatus(HttpStatus.UNAUTHORIZED).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:cascade:problem:unauthenticated");
        verifyNoInteractions(plans);
    }

    @Test
    void theCallerHandedOnIsTheTokensNeverTheBodysAndThePeopleRecordedAreShown() {
        when(plans.issue(PLAN_ID, new Caller("planner-294", "planner-294", "294", Set.of(Role.PLANNER))))
                .thenReturn(draft());

        var issued = mvc.post().uri("/plans/{id}/issue", PLAN_ID).header("Authorization",
                TestIssuer.shared().bearer("planner-294", "294", Role.PLANNER)).exchange();

        assertThat(issued).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"actors":{"createdBy":"planner-30","revisedBy":null,"issuedBy":null}}""");
    }
}
