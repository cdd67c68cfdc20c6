package dev.cascade.report.submission;

import dev.cascade.contracts.events.TaskProgress;
import dev.cascade.contracts.events.TaskStatus;
import dev.cascade.platform.security.AccessRules;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.web.FieldProblem;
import dev.cascade.platform.web.RequestRefused;
import dev.cascade.platform.web.RequestRefused.Reason;
import dev.cascade.report.ReportSlices;
import dev.cascade.report.obligation.Obligation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * {@code /reports} over MockMvc: what reaches submissions, withdrawals and reviews (body, acting unit and user,
 * idempotency key), how a report and its versions are shown, and the refusals.
 */
@WebMvcTest(ReportController.class)
@Import(ReportAccess.class)
class ReportControllerTest extends ReportSlices.WebTest {

    static final Caller REPORTER = new Caller("reporter-10813", "reporter-10813", "10813", Set.of(Role.REPORTER));
    static final Caller DISTRICT = new Caller("reviewer-294", "reviewer-294", "294", Set.of(Role.REVIEWER));
    static final String DISTRICT_REVIEWER = dev.cascade.platform.test.TestIssuer.shared().bearer("reviewer-294", "294",
            Role.REVIEWER);

    static final Instant FIRST = Instant.parse("2024-12-04T02:00:00Z");
    static final String BODY = """
            {"unitCode":"10813","programme":"HD-GDNN-ANNUAL","period":"2024",
             "values":{"GDNN_ENROLLED":{"value":35}},"tasks":[{"task":"1","status":"IN_PROGRESS","text":"đang tuyển"}],
             "narrative":{"results":"Đạt kế hoạch"}}""";

    @MockitoBean
    Submissions submissions;
    @MockitoBean
    Withdrawals withdrawals;
    @MockitoBean
    Reviews reviews;
    @MockitoBean
    ReportStore reports;
    /** No programme known: a report is judged on today's hierarchy, where 10813 lies beneath 31 and the ministry. */
    @MockitoBean
    dev.cascade.report.programme.HierarchyDays days;
    @Autowired
    AccessRules rules;

    /** {@link #BODY} as the controller must hand it on. */
    static SubmissionRequest request() {
        return new SubmissionRequest("10813", "HD-GDNN-ANNUAL", "2024", null,
                Map.of("GDNN_ENROLLED", new SubmissionRequest.Value(new BigDecimal("35"), null, null)),
                List.of(new SubmissionRequest.Task("1", "IN_PROGRESS", "đang tuyển")), Map.of("results", "Đạt kế hoạch"));
    }

    /** Version {@code n} of commune 10813's report, an hour after the one before, {@code 30 + n} enrolled. */
    static ReportVersion version(int n) {
        return new ReportVersion(n, "Nguyễn Văn An", FIRST.plusSeconds(3600L * (n - 1)),
                List.of(new ReportedValue("GDNN_ENROLLED", BigDecimal.valueOf(30 + n), null, null),
                        new ReportedValue("GDNN_DROPOUT_RATE", null, new BigDecimal("12"), new BigDecimal("200"))),
                List.of(new TaskProgress("1", TaskStatus.IN_PROGRESS, "đang tuyển")),
                List.of(new NarrativeSection("results", "Đạt kế hoạch")), "10813", "an.nv", "key-" + n);
    }

    /** Report {@code id} of unit {@code unitCode} for HD-GDNN-ANNUAL 2024 with versions 1 to {@code latest}. */
    static Report report(String id, String unitCode, int latest, ReportStatus status) {
        return new Report(id, "HD-GDNN-ANNUAL", "2024", unitCode, "294", "KH-30-2023-2625",
                Obligation.idOf("HD-GDNN-ANNUAL", "2024", unitCode), false, FIRST, latest,
                IntStream.rangeClosed(1, latest).mapToObj(ReportControllerTest::version).toList(), status, List.of(),
                List.of());
    }

    @Test
    void aSubmissionHandsOnTheBodyTheCallerAndTheKeyAndAnswers201() {
        when(submissions.submit(any(), any(), any()))
                .thenReturn(new Submissions.Outcome(new Submissions.Accepted("r-1", 1, false), false));

        var response = postJson(BODY, "/reports", Submissions.IDEMPOTENCY_KEY, "k-1");

        assertThat(response).hasStatus(HttpStatus.CREATED).hasHeader("Location", "/reports/r-1")
                .hasHeader("Idempotent-Replayed", "false").bodyJson()
                .isStrictlyEqualTo("{\"reportId\":\"r-1\",\"version\":1,\"late\":false}");
        verify(submissions).submit(request(), REPORTER, "k-1");
    }

    @Test
    void aReplayedSubmissionSaysSoAndOneWithoutHeadersActsForNoDeclaredUnit() {
        when(submissions.submit(any(), any(), any()))
                .thenReturn(new Submissions.Outcome(new Submissions.Accepted("r-1", 2, true), true));

        assertThat(postJson(BODY, "/reports")).hasStatus(HttpStatus.CREATED)
                .hasHeader("Idempotent-Replayed", "true").bodyJson().extractingPath("$.late").isEqualTo(true);
        verify(submissions).submit(request(), REPORTER, null);
    }

    @Test
    void whatTheSubmissionRulesRefuseIsRenderedWithTheFieldsAtFault() {
        when(submissions.submit(any(), any(), any())).thenThrow(new RequestRefused(Reason.UNPROCESSABLE,
                "Report refused", "2 problem(s); see errors", List.of(
                new FieldProblem("values.GDNN_ENROLLED.value", "must not be negative"),
                new FieldProblem("narrative.results", "is required"))));

        var response = postJson(BODY, "/reports");

        refusedFor(response, HttpStatus.UNPROCESSABLE_CONTENT)
                .containsExactly("values.GDNN_ENROLLED.value", "narrative.results");
        assertThat(response).bodyJson().extractingPath("$.title").isEqualTo("Report refused");
    }

    @Test
    void aBodyThatIsNotStrictJsonOrNotJsonAtAllNeverReachesTheSubmissions() {
        var textValue = postJson(BODY.replace("{\"value\":35}", "{\"value\":\"35\"}"), "/reports");
        var trailing = postJson(BODY + "{}", "/reports");
        var plainText = mvc.post().uri("/reports").contentType(MediaType.TEXT_PLAIN).content(BODY)
                .header("Authorization", REPORTER_10813).exchange();

        refusedFor(textValue, HttpStatus.BAD_REQUEST).containsExactly("values.GDNN_ENROLLED.value");
        assertThat(trailing).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.title")
                .isEqualTo("Malformed request body");
        refusedFor(plainText, HttpStatus.UNSUPPORTED_MEDIA_TYPE).containsExactly("Content-Type");
        verifyNoInteractions(submissions);
    }

    @Test
    void aReportIsShownAsCorrectedWithEveryVersionAsSubmitted() {
        when(reports.get("r-1")).thenReturn(report("r-1", "10813", 2, ReportStatus.SUBMITTED));

        assertThat(get("/reports/{id}", "r-1")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"reportId":"r-1","unitCode":"10813","parentCode":"294","programme":"HD-GDNN-ANNUAL","period":"2024",
                 "obligationId":"HD-GDNN-ANNUAL|2024|10813","late":false,"firstSubmittedAt":"2024-12-04T02:00:00Z",
                 "version":2,"submittedAt":"2024-12-04T03:00:00Z",
                 "values":{"GDNN_ENROLLED":{"value":32},"GDNN_DROPOUT_RATE":{"numerator":12,"denominator":200}},
                 "tasks":[{"task":"1","status":"IN_PROGRESS"}],"narrative":{"results":"Đạt kế hoạch"},
                 "versions":[{"version":1,"values":{"GDNN_ENROLLED":{"value":31}},"actingUnit":"10813"},
                             {"version":2,"values":{"GDNN_ENROLLED":{"value":32}},"actingUser":"an.nv"}],
                 "status":"SUBMITTED","reviews":[],"withdrawals":[]}""");
    }

    @Test
    void aReportIsReadOnlyByItsUnitOrAReviewerOrViewerAboveItAndNeverWithoutAToken() {
        when(reports.get("r-1")).thenReturn(report("r-1", "10813", 2, ReportStatus.SUBMITTED));
        String sibling = dev.cascade.platform.test.TestIssuer.shared().bearer("reporter-10816", "10816",
                Role.REPORTER);

        assertThat(mvc.get().uri("/reports/r-1").header("Authorization", REPORTER_10813)).hasStatusOk();
        var refused = mvc.get().uri("/reports/r-1/versions/1").header("Authorization", sibling).exchange();
        assertThat(refused).hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:cascade:problem:forbidden");
        assertThat(refused).bodyJson().extractingPath("$.rule")
                .isEqualTo("any role of unit 10813, or REVIEWER or VIEWER of a unit above it");
        var anonymous = mvc.get().uri("/reports/r-1").exchange();
        assertThat(anonymous).hasStatus(HttpStatus.UNAUTHORIZED);
        var unknownAnonymous = mvc.get().uri("/reports/nope").exchange();
        assertThat(unknownAnonymous).as("an unknown id is 404 only after authentication")
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anUnknownReportIsA404NamingTheId() {
        when(reports.get("nope")).thenThrow(ReportStore.notFound("nope"));

        var response = get("/reports/{id}", "nope").exchange();

        refusedFor(response, HttpStatus.NOT_FOUND).containsExactly("id");
        assertThat(response).bodyJson().extractingPath("$.detail").isEqualTo("id: no report nope");
    }

    @Test
    void oneVersionAsSubmittedOrA404ForAVersionItNeverHadOrA400ForNoNumber() {
        when(reports.get("r-1")).thenReturn(report("r-1", "10813", 2, ReportStatus.SUBMITTED));

        var first = get("/reports/{id}/versions/{n}", "r-1", 1).exchange();
        var third = get("/reports/{id}/versions/{n}", "r-1", 3).exchange();
        var notANumber = get("/reports/{id}/versions/{n}", "r-1", "latest").exchange();

        assertThat(first).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"version":1,"submittedAt":"2024-12-04T02:00:00Z","values":{"GDNN_ENROLLED":{"value":31}},
                 "actingUnit":"10813","actingUser":"an.nv"}""");
        refusedFor(third, HttpStatus.NOT_FOUND).containsExactly("version");
        assertThat(third).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("report r-1 has no submitted version 3");
        refusedFor(notANumber, HttpStatus.BAD_REQUEST).containsExactly("version");
        verify(reports, times(2)).get("r-1");
    }

    @Test
    void aWithdrawalWithoutABodyTakesTheCallerFromTheToken() {
        when(withdrawals.withdraw(any(), any(), any())).thenReturn(new Submissions.Accepted("r-1", 3, false));

        var response = mvc.post().uri("/reports/{id}/withdrawal", "r-1").header("Authorization", REPORTER_10813)
                .exchange();

        assertThat(response).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"reportId\":\"r-1\",\"version\":3,\"late\":false}");
        verify(withdrawals).withdraw("r-1", null, REPORTER);
    }

    @Test
    void aWithdrawalsBodyIsHandedOnAndItsRefusalRendered() {
        when(withdrawals.withdraw(any(), any(), any())).thenAnswer(call -> rules.actFor(call.getArgument(2),
                Role.REPORTER, "10813", LocalDate.of(2024, 12, 14)));
        String sibling = dev.cascade.platform.test.TestIssuer.shared().bearer("reporter-10816", "10816",
                Role.REPORTER);

        var response = postJson("{\"withdrawnBy\":\"Trần Thị Bình\",\"reason\":\"nhầm kỳ\"}",
                "/reports/r-1/withdrawal", "Authorization", sibling);

        assertThat(response).hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:cascade:problem:forbidden");
        assertThat(response).bodyJson().extractingPath("$.rule").isEqualTo("REPORTER of unit 10813");
        verify(withdrawals).withdraw("r-1", new WithdrawalRequest("Trần Thị Bình", "nhầm kỳ"),
                new Caller("reporter-10816", "reporter-10816", "10816", Set.of(Role.REPORTER)));
    }

    @Test
    void aReviewIsHandedOnWithTheParentActingAndAnswersTheNewStatus() {
        when(reviews.review(any(), any(), any())).thenReturn(new Reviews.Reviewed("r-1", 2, ReportStatus.RETURNED));

        var response = postJson("{\"decision\":\"RETURN\",\"reason\":\"thiếu số liệu\",\"version\":2}",
                "/reports/r-1/review", "Authorization", DISTRICT_REVIEWER);

        assertThat(response).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"reportId\":\"r-1\",\"version\":2,\"status\":\"RETURNED\"}");
        verify(reviews).review("r-1", new ReviewRequest("RETURN", "thiếu số liệu", null, 2), DISTRICT);
    }

    @Test
    void aReviewWhoseVersionIsNotANumberOrThatComesTooLateIsRefused() {
        when(reviews.review(any(), any(), any())).thenThrow(RequestRefused.of(Reason.CONFLICT,
                "Not awaiting review", new FieldProblem("status", "report r-1 is ACCEPTED")));

        var textVersion = postJson("{\"decision\":\"ACCEPT\",\"version\":\"2\"}", "/reports/r-1/review");
        verify(reviews, never()).review(any(), any(), any());
        var late = postJson("{\"decision\":\"ACCEPT\"}", "/reports/r-1/review");

        refusedFor(textVersion, HttpStatus.BAD_REQUEST).containsExactly("version");
        refusedFor(late, HttpStatus.CONFLICT).containsExactly("status");
        verify(reviews).review("r-1", new ReviewRequest("ACCEPT", null, null, null), REPORTER);
        verify(reports, never()).get(any());
        verify(reports, never()).change(any(), any(), any(), any());
        verifyNoInteractions(submissions);
    }
}
