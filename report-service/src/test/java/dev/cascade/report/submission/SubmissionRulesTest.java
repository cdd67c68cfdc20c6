package dev.cascade.report.submission;

import dev.cascade.contracts.events.Frequency;
import dev.cascade.report.TestData;
import dev.cascade.report.programme.Programme;
import dev.cascade.platform.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionRulesTest {

    private static final Programme PROGRAMME = new Programme("P", "KH-P", 1, "P", Frequency.ANNUAL,
            TestData.DATA_FORM, TestData.OUTLINE, List.of(TestData.annual(2024)), List.of("10813"), List.of("1", "2"),
            List.of("2024"), null, "30", List.of(), 1L);

    private static SubmissionRequest.Value count(String value) {
        return new SubmissionRequest.Value(new BigDecimal(value), null, null);
    }

    private static SubmissionRequest.Value ratio(String numerator, String denominator) {
        return new SubmissionRequest.Value(null, new BigDecimal(numerator), new BigDecimal(denominator));
    }

    private static SubmissionRequest request(Map<String, SubmissionRequest.Value> values,
                                             List<SubmissionRequest.Task> tasks, Map<String, String> narrative) {
        return new SubmissionRequest("10813", "P", "2024", null, values, tasks, narrative);
    }

    private static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void aCompleteReportHasNoProblem() {
        SubmissionRequest request = request(Map.of("GDNN_INTAKE_RATE", ratio("120", "200"),
                        "GDNN_NEW_ENROLMENT", count("35")),
                List.of(new SubmissionRequest.Task("1", "DONE", null)), Map.of("results", "..."));

        assertThat(SubmissionRules.checkRequired(request)).isEmpty();
        assertThat(SubmissionRules.checkContent(request, PROGRAMME)).isEmpty();
    }

    @Test
    void aRatioMayBeWholeZeroOrEqualButNeverAboveOne() {
        assertThat(SubmissionRules.checkContent(request(Map.of("GDNN_INTAKE_RATE", ratio("0", "5"),
                "GDNN_NEW_ENROLMENT", count("0")), null, null), PROGRAMME)).isEmpty();
        assertThat(SubmissionRules.checkContent(request(Map.of("GDNN_INTAKE_RATE", ratio("5.0", "5"),
                "GDNN_NEW_ENROLMENT", count("1E+2")), null, null), PROGRAMME)).isEmpty();
        assertThat(fields(SubmissionRules.checkContent(request(Map.of("GDNN_INTAKE_RATE", ratio("6", "5"),
                "GDNN_NEW_ENROLMENT", count("1")), null, null), PROGRAMME)))
                .containsExactly("values.GDNN_INTAKE_RATE.numerator");
    }

    @Test
    void negativeAndFractionalFiguresAreNamedOnePerField() {
        Map<String, SubmissionRequest.Value> values = new LinkedHashMap<>();
        values.put("GDNN_INTAKE_RATE", ratio("-1", "0.5"));
        values.put("GDNN_NEW_ENROLMENT", count("-3"));

        List<FieldProblem> problems = SubmissionRules.checkContent(request(values, null, null), PROGRAMME);

        assertThat(problems).containsExactlyInAnyOrder(
                new FieldProblem("values.GDNN_INTAKE_RATE.numerator", "must not be negative"),
                new FieldProblem("values.GDNN_INTAKE_RATE.denominator", "must be a whole number"),
                new FieldProblem("values.GDNN_NEW_ENROLMENT.value", "must not be negative"));
    }

    @Test
    void requiredFieldsAreNamedTogether() {
        List<FieldProblem> problems = SubmissionRules.checkRequired(
                new SubmissionRequest(" ", null, "", null, null, null, null));

        assertThat(fields(problems)).containsExactly("unitCode", "programme", "period", "values");
    }

    @Test
    void aSubmitterNamedInTheBodyIsRefusedForTheTokenSaysWho() {
        List<FieldProblem> problems = SubmissionRules.checkRequired(
                new SubmissionRequest("10813", "P", "2024", "Nguyễn Văn An", Map.of(), null, null));

        assertThat(fields(problems)).containsExactly("submittedBy");
    }

    @Test
    void narrativeSectionsComeFromTheOutlineAndTasksNeedANumberAndAKnownStatus() {
        Map<String, String> narrative = new LinkedHashMap<>();
        narrative.put("results", "ok");
        narrative.put("summary", "not in the outline");
        List<SubmissionRequest.Task> tasks = java.util.Arrays.asList(new SubmissionRequest.Task(" ", "DONE", null),
                new SubmissionRequest.Task("2", "done", null), null, new SubmissionRequest.Task("2", "DONE", null));

        List<FieldProblem> problems = SubmissionRules.checkContent(request(Map.of("GDNN_INTAKE_RATE",
                ratio("1", "2"), "GDNN_NEW_ENROLMENT", count("3")), tasks, narrative), PROGRAMME);

        assertThat(fields(problems)).containsExactlyInAnyOrder("narrative.summary", "tasks[0].task",
                "tasks[1].status", "tasks[2]", "tasks[3].task");
    }

    @Test
    void aTaskTheProgrammesPlanDoesNotHaveIsNamed() {
        List<SubmissionRequest.Task> tasks = List.of(new SubmissionRequest.Task("1", "DONE", null),
                new SubmissionRequest.Task("7", "DONE", null));

        List<FieldProblem> problems = SubmissionRules.checkContent(request(Map.of("GDNN_INTAKE_RATE",
                ratio("1", "2"), "GDNN_NEW_ENROLMENT", count("3")), tasks, Map.of()), PROGRAMME);

        assertThat(fields(problems)).containsExactly("tasks[1].task");
        assertThat(problems.get(0).message()).contains("no task 7");
    }
}
