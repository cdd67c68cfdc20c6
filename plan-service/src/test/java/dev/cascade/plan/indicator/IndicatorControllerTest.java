package dev.cascade.plan.indicator;

import dev.cascade.contracts.events.AggregationRule;
import dev.cascade.contracts.events.IndicatorKind;
import dev.cascade.plan.PlanSlices;
import dev.cascade.plan.indicator.domain.Indicator;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** {@code /indicators} over MockMvc: reading the catalogue and adding to it, with the defaults and refusals of a new one. */
@PlanSlices.Web(IndicatorController.class)
class IndicatorControllerTest extends PlanSlices.WebTest {

    static final Indicator DROPOUT = new Indicator("GDNN_DROPOUT_RATE", "Tỷ lệ bỏ học", "%", IndicatorKind.RATIO,
            AggregationRule.RATIO_OF_SUMS, "Số bỏ học", "Số tuyển sinh", null);
    static final Indicator ENROLLED = new Indicator("GDNN_ENROLLED", "Tuyển sinh", "người", IndicatorKind.COUNT,
            AggregationRule.SUM, null, null, Indicator.CountNature.FLOW);

    @MockitoBean
    IndicatorCatalogue catalogue;
    @MockitoBean
    AuditTrail audit;

    static final Caller NATIONAL_ADMIN = new Caller("admin", "admin", "BGDDT", Set.of(Role.ADMIN));

    MvcTestResult add(String body) {
        return send(HttpMethod.POST, body, "/indicators");
    }

    /** {@link #ENROLLED} as a client proposes it, its aggregation left to the default, with {@code countNature}. */
    static String enrolled(String countNature) {
        return """
                {"code":"GDNN_ENROLLED","name":"Tuyển sinh","unitOfMeasure":"người","kind":"COUNT",
                 "countNature":"%s"}""".formatted(countNature);
    }

    @Test
    void theCatalogueAndOneIndicatorAsStored() {
        when(catalogue.all()).thenReturn(List.of(DROPOUT, ENROLLED));
        when(catalogue.find("GDNN_ENROLLED")).thenReturn(Optional.of(ENROLLED));

        assertThat(mvc.get().uri("/indicators")).hasStatusOk().bodyJson().extractingPath("$[*].code").asArray()
                .containsExactly("GDNN_DROPOUT_RATE", "GDNN_ENROLLED");
        assertThat(mvc.get().uri("/indicators/{code}", "GDNN_ENROLLED")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("""
                        {"code":"GDNN_ENROLLED","name":"Tuyển sinh","unitOfMeasure":"người","kind":"COUNT",
                         "aggregation":"SUM","numeratorLabel":null,"denominatorLabel":null,"countNature":"FLOW"}""");
    }

    @Test
    void anUnknownIndicatorIsA404() {
        when(catalogue.find("NOPE")).thenReturn(Optional.empty());

        assertThat(mvc.get().uri("/indicators/{code}", "NOPE")).hasStatus(HttpStatus.NOT_FOUND).bodyJson()
                .isLenientlyEqualTo("{\"type\":\"urn:cascade:problem:not-found\",\"detail\":\"no indicator NOPE\"}");
    }

    @Test
    void aNewRatioIsAddedTrimmedAggregatingAsARatioOfSumsAnd201() {
        when(catalogue.find("GDNN_DROPOUT_RATE")).thenReturn(Optional.empty());
        when(catalogue.add(DROPOUT)).thenReturn(true);

        var response = add("""
                {"code":"GDNN_DROPOUT_RATE","name":" Tỷ lệ bỏ học ","unitOfMeasure":"%","kind":" RATIO",
                 "numeratorLabel":"Số bỏ học ","denominatorLabel":" Số tuyển sinh"}""");

        assertThat(response).hasStatus(HttpStatus.CREATED)
                .hasHeader("Location", "http://localhost/indicators/GDNN_DROPOUT_RATE").bodyJson()
                .isLenientlyEqualTo("""
                        {"code":"GDNN_DROPOUT_RATE","name":"Tỷ lệ bỏ học","aggregation":"RATIO_OF_SUMS",
                         "numeratorLabel":"Số bỏ học","denominatorLabel":"Số tuyển sinh","countNature":null}""");
        verify(catalogue).add(DROPOUT);
        verify(audit).record(new Grant(NATIONAL_ADMIN, Role.ADMIN, "ADMIN of the national unit BGDDT"),
                AuditedChange.of("indicator.added", "indicator", "GDNN_DROPOUT_RATE", "BGDDT", null, 1L));
    }

    @Test
    void theSameDefinitionAgainIs200AndAnotherUnderItsCodeA409() {
        when(catalogue.find("GDNN_ENROLLED")).thenReturn(Optional.of(ENROLLED));

        var same = add(enrolled("FLOW"));
        var other = add(enrolled("STOCK"));

        assertThat(same).hasStatusOk().bodyJson().extractingPath("$.countNature").isEqualTo("FLOW");
        assertProblem(other, HttpStatus.CONFLICT, "code");
        assertThat(other).bodyJson().extractingPath("$.detail")
                .isEqualTo("indicator GDNN_ENROLLED exists with another definition");
        verify(catalogue, never()).add(any());
        verifyNoInteractions(audit);
    }

    @Test
    void anIndicatorAddedMeanwhileIsA409() {
        // not in the catalogue when looked up (the mock finds nothing), taken when added
        when(catalogue.add(ENROLLED)).thenReturn(false);

        var response = add(enrolled("FLOW"));

        assertProblem(response, HttpStatus.CONFLICT, "code");
        assertThat(response).bodyJson().extractingPath("$.detail")
                .isEqualTo("indicator GDNN_ENROLLED was added meanwhile");
        verify(catalogue).find("GDNN_ENROLLED");
    }

    @Test
    void everyWrongFieldIsNamedAndTheCatalogueIsNotTouched() {
        var ratio = add("""
                {"code":"dropout","name":"","unitOfMeasure":"%","kind":"RATIO","aggregation":"AVERAGE",
                 "numeratorLabel":"Số bỏ học","countNature":"FLOW"}""");
        var count = add("""
                {"code":"GDNN_X","name":"X","kind":"COUNT","aggregation":"MAX","numeratorLabel":"n"}""");

        assertProblem(ratio, HttpStatus.BAD_REQUEST, "code", "name", "aggregation", "denominatorLabel",
                "countNature");
        assertThat(ratio).bodyJson().extractingPath("$.title").isEqualTo("Invalid indicator");
        assertProblem(count, HttpStatus.BAD_REQUEST, "unitOfMeasure", "aggregation", "countNature",
                "numeratorLabel");
        verifyNoInteractions(catalogue);
    }

    @Test
    void aMissingBodyOrAKindThatIsNotAStringIsRefused() {
        assertProblem(mvc.post().uri("/indicators").exchange(), HttpStatus.BAD_REQUEST, "body");
        assertProblem(add("{\"code\":\"GDNN_X\",\"kind\":1}"), HttpStatus.BAD_REQUEST, "kind");
        verifyNoInteractions(catalogue);
    }

    @Test
    void onlyTheNationalAdministratorExtendsTheCatalogue() {
        var province = mvc.post().uri("/indicators").contentType(MediaType.APPLICATION_JSON).content(enrolled("FLOW"))
                .header("Authorization", TestIssuer.shared().bearer("admin-30", "30", Role.ADMIN)).exchange();

        assertThat(province).hasStatus(HttpStatus.FORBIDDEN).bodyJson().isLenientlyEqualTo("""
                {"type":"urn:cascade:problem:forbidden","rule":"ADMIN of the national unit BGDDT"}""");
        verifyNoInteractions(catalogue, audit);
    }
}
