package dev.cascade.report.obligation;

import dev.cascade.contracts.events.ObligationStatus;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.report.ReportSlices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code GET /obligations} over MockMvc: by unit or beneath a unit, optionally by status, and what is refused. */
@WebMvcTest(ObligationController.class)
class ObligationControllerTest extends ReportSlices.WebTest {

    @MockitoBean
    Obligations obligations;
    /** No programme known: an obligation is judged on its deadline's hierarchy. */
    @MockitoBean
    dev.cascade.report.programme.HierarchyDays days;

    /**
     * Commune {@code unitCode}'s 2024 obligation of HD-GDNN-ANNUAL, opened on 1 December and due at the end of
     * 5 December in Hanoi; a fulfilled one by report {@code r-<unitCode>} an hour after opening.
     */
    static Obligation obligation(String unitCode, ObligationStatus status, long version) {
        Instant opened = Instant.parse("2024-12-01T00:00:00Z");
        boolean fulfilled = status.fulfilled();
        return new Obligation(Obligation.idOf("HD-GDNN-ANNUAL", "2024", unitCode), "KH-30-2023-2625",
                "HD-GDNN-ANNUAL", "2024", unitCode, UnitLevel.COMMUNE, "294", List.of("294", "30"),
                LocalDate.of(2024, 12, 5), Instant.parse("2024-12-05T17:00:00Z"), status,
                fulfilled ? "r-" + unitCode : null, fulfilled ? opened.plusSeconds(3600) : null, null, opened,
                version, List.of(), false, null, null, null);
    }

    @Test
    void theObligationsOfOneUnitAreShownWithTheirDeadlineAndState() {
        when(obligations.ofUnit("10813", null)).thenReturn(List.of(
                obligation("10813", ObligationStatus.FULFILLED_ON_TIME, 2)));

        var response = get("/obligations?unit={unit}&status=", " 10813 ").exchange();

        assertThat(response).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                [{"obligationId":"HD-GDNN-ANNUAL|2024|10813","planId":"KH-30-2023-2625","programme":"HD-GDNN-ANNUAL",
                  "period":"2024","unitCode":"10813","level":"COMMUNE","parentCode":"294","deadline":"2024-12-05",
                  "dueAt":"2024-12-05T17:00:00Z","status":"FULFILLED_ON_TIME","reportId":"r-10813",
                  "fulfilledAt":"2024-12-01T01:00:00Z","overdueSince":null,"version":2,"replaces":[],
                  "partialSuccession":false,"closedReason":null,"closedAt":null}]""");
        verify(obligations).ofUnit("10813", null);
    }

    @Test
    void beneathAUnitAndOfOneStatus() {
        when(obligations.under("294", ObligationStatus.OVERDUE)).thenReturn(List.of(
                obligation("10813", ObligationStatus.OVERDUE, 2), obligation("10816", ObligationStatus.OVERDUE, 2)));

        assertThat(get("/obligations?under=294&status= OVERDUE")).hasStatusOk().bodyJson()
                .extractingPath("$[*].unitCode").asArray().containsExactly("10813", "10816");
        verify(obligations).under("294", ObligationStatus.OVERDUE);
    }

    @Test
    void theAnswerHoldsOnlyWhatTheCallerMayReadAndNeedsAToken() {
        when(obligations.under("294", null)).thenReturn(List.of(
                obligation("10813", ObligationStatus.OPEN, 1), obligation("10816", ObligationStatus.OPEN, 1)));
        when(obligations.ofUnit("10813", null)).thenReturn(List.of(obligation("10813", ObligationStatus.OPEN, 1)));

        assertThat(mvc.get().uri("/obligations?under=294").header("Authorization", REPORTER_10813)).hasStatusOk()
                .bodyJson().extractingPath("$[*].unitCode").asArray().containsExactly("10813");
        assertThat(mvc.get().uri("/obligations?under=294").header("Authorization", dev.cascade.platform.test
                .TestIssuer.shared().bearer("reviewer-294", "294", dev.cascade.platform.security.Role.REVIEWER)))
                .hasStatusOk().bodyJson().extractingPath("$[*].unitCode").asArray().containsExactly("10813", "10816");
        assertThat(mvc.get().uri("/obligations?unit=10813").header("Authorization", dev.cascade.platform.test
                .TestIssuer.shared().bearer("reporter-10816", "10816", dev.cascade.platform.security.Role.REPORTER)))
                .hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
        assertThat(mvc.get().uri("/obligations?unit=10813")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void exactlyOneOfUnitAndUnderIsRequired() {
        var neither = get("/obligations?unit={unit}", " ").exchange();
        var both = get("/obligations?unit=10813&under=294").exchange();

        refusedFor(neither, HttpStatus.BAD_REQUEST).containsExactly("unit");
        refusedFor(both, HttpStatus.BAD_REQUEST).containsExactly("under");
        assertThat(both).bodyJson().extractingPath("$.title").isEqualTo("Unit required");
        verifyNoInteractions(obligations);
    }

    @Test
    void aStatusIsOneOfTheNamesExactly() {
        var response = get("/obligations?unit=10813&status=overdue").exchange();

        refusedFor(response, HttpStatus.BAD_REQUEST).containsExactly("status");
        assertThat(response).bodyJson().extractingPath("$.errors[0].message")
                .isEqualTo("must be one of [OPEN, FULFILLED_ON_TIME, FULFILLED_LATE, OVERDUE, CLOSED]");
        verifyNoInteractions(obligations);
    }
}
