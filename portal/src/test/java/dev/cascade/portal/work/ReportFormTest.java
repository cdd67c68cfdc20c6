package dev.cascade.portal.work;

import dev.cascade.portal.api.Report;
import dev.cascade.portal.api.TaskProgress;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cascade.portal.Fixtures.COMMUNE;
import static dev.cascade.portal.Fixtures.PROGRAMME_OF_PLAN;
import static dev.cascade.portal.Fixtures.TASKS;
import static dev.cascade.portal.Fixtures.count;
import static dev.cascade.portal.Fixtures.ratio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The report form as typed: its own checks, and the body it sends to report-service. */
class ReportFormTest {

    @Test
    void everyFigureIsRequired() {
        ReportForm form = posted(Map.of());

        assertThat(form.check(PROGRAMME_OF_PLAN)).containsExactly(
                entry("values.TE01.value", "form.error.required"),
                entry("values.TE02.numerator", "form.error.required"),
                entry("values.TE02.denominator", "form.error.required"),
                entry("values.TE03.value", "form.error.required"));
        assertThat(posted(Map.of("values.TE01.value", "   ", "values.TE02.numerator", "1",
                "values.TE02.denominator", "2", "values.TE03.value", "3")).check(PROGRAMME_OF_PLAN))
                .containsExactly(entry("values.TE01.value", "form.error.required"));
    }

    @Test
    void eachBadFigureHasItsOwnMessage() {
        assertThat(errorFor("abc")).isEqualTo("form.error.number");
        assertThat(errorFor("1,5")).isEqualTo("form.error.number");
        assertThat(errorFor("-1")).isEqualTo("form.error.negative");
        assertThat(errorFor("-0.5")).isEqualTo("form.error.negative");
        assertThat(errorFor("12.5")).isEqualTo("form.error.whole");
        assertThat(errorFor("0.001")).isEqualTo("form.error.whole");
        assertThat(errorFor("1000000000001")).isEqualTo("form.error.tooLarge");
        assertThat(errorFor("1000000000000")).isNull();
        assertThat(errorFor("0")).isNull();
        assertThat(errorFor(" 42 ")).isNull();
    }

    @Test
    void aRatioNeedsADenominatorAboveZeroAndNotBelowItsNumerator() {
        assertThat(ratioErrors("0", "0")).containsExactly(entry("values.TE02.denominator", "form.error.denominatorZero"));
        assertThat(ratioErrors("801", "800")).containsExactly(entry("values.TE02.numerator", "form.error.numeratorAbove"));
        assertThat(ratioErrors("800", "800")).isEmpty();
        assertThat(ratioErrors("0", "800")).isEmpty();
        // each field's own problem first: a bad numerator is not also compared
        assertThat(ratioErrors("9.5", "3")).containsExactly(entry("values.TE02.numerator", "form.error.whole"));
        assertThat(ratioErrors("", "-3")).containsExactly(entry("values.TE02.numerator", "form.error.required"),
                entry("values.TE02.denominator", "form.error.negative"));
    }

    @Test
    void theBodyHasFiguresAsNumbersAndLeavesOutBlankTasksAndSections() {
        Map<String, String> typed = new LinkedHashMap<>(valid());
        typed.put("tasks[0].status", "");
        typed.put("tasks[0].text", "typed but without a status");
        typed.put("tasks[1].status", "DELAYED");
        typed.put("tasks[1].text", "Thiếu tờ rơi");
        typed.put("narrative.results", "Đạt 95 %.");
        typed.put("narrative.proposals", " \n ");
        ReportForm form = posted(typed);

        Map<String, Object> body = form.body(COMMUNE, "TE-2024", "2024-Q4", PROGRAMME_OF_PLAN, TASKS);

        assertThat(body).containsOnlyKeys("unitCode", "programme", "period", "values", "tasks", "narrative");
        assertThat(body).contains(entry("unitCode", COMMUNE), entry("programme", "TE-2024"), entry("period", "2024-Q4"));
        assertThat(body.get("values")).isEqualTo(Map.of(
                "TE01", Map.of("value", BigInteger.valueOf(1250)),
                "TE02", Map.of("numerator", BigInteger.valueOf(25), "denominator", BigInteger.valueOf(800)),
                "TE03", Map.of("value", BigInteger.ZERO)));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> values = (Map<String, Map<String, Object>>) body.get("values");
        assertThat(values.get("TE02").get("numerator")).isInstanceOf(BigInteger.class);
        assertThat(body.get("tasks")).isEqualTo(List.of(Map.of("task", "2", "status", "DELAYED", "text", "Thiếu tờ rơi")));
        assertThat(body.get("narrative")).isEqualTo(Map.of("results", "Đạt 95 %."));
    }

    @Test
    void withoutTasksOrNarrativeTheBodyHasNeitherKey() {
        Map<String, Object> body = posted(valid()).body(COMMUNE, "TE-2024", "2024-Q4", PROGRAMME_OF_PLAN, TASKS);

        assertThat(body).containsOnlyKeys("unitCode", "programme", "period", "values");
    }

    @Test
    void aWholeNumberWrittenWithDecimalsOrAnExponentIsSentAsThatNumber() {
        Map<String, String> typed = new LinkedHashMap<>(valid());
        typed.put("values.TE01.value", "12.0");
        typed.put("values.TE03.value", "1e3");
        ReportForm form = posted(typed);

        assertThat(form.check(PROGRAMME_OF_PLAN)).isEmpty();
        Map<String, Object> body = form.body(COMMUNE, "TE-2024", "2024-Q4", PROGRAMME_OF_PLAN, TASKS);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> values = (Map<String, Map<String, Object>>) body.get("values");
        assertThat(values.get("TE01").get("value")).isEqualTo(BigInteger.valueOf(12));
        assertThat(values.get("TE03").get("value")).isEqualTo(BigInteger.valueOf(1000));
    }

    @Test
    void onlyTheFormsOwnFieldsAreKeptFromAPost() {
        ReportForm form = posted(Map.of("_csrf", "t", "idempotencyKey", "k", "lang", "en",
                "values.TE01.value", "7", "tasks[0].status", "DONE", "narrative.results", "R"));

        assertThat(form.get("values.TE01.value")).isEqualTo("7");
        assertThat(form.get("tasks[0].status")).isEqualTo("DONE");
        assertThat(form.get("narrative.results")).isEqualTo("R");
        assertThat(form.get("_csrf")).isEmpty();
        assertThat(form.get("idempotencyKey")).isEmpty();
        assertThat(form.get("values.TE02.numerator")).isEmpty();
    }

    @Test
    void aRevisionStartsFromTheLatestVersion() {
        Report report = new Report("R-Q4", COMMUNE, "108", "TE-2024", "2024-Q4", "KH", "O", false, Instant.EPOCH, 2,
                "a", Instant.EPOCH, Map.of("TE01", count("1250.00"), "TE02", ratio("25", "800")),
                List.of(new TaskProgress("2", "DONE", null)), Map.of("proposals", "Thêm vắc xin"), List.of(),
                "RETURNED", List.of(), List.of());

        ReportForm form = ReportForm.of(PROGRAMME_OF_PLAN, TASKS, report);

        assertThat(form.get("values.TE01.value")).isEqualTo("1250.00");
        assertThat(form.get("values.TE02.numerator")).isEqualTo("25");
        assertThat(form.get("values.TE02.denominator")).isEqualTo("800");
        assertThat(form.get("values.TE02.value")).isEmpty();
        assertThat(form.get("values.TE03.value")).isEmpty();
        // task "2" is the plan's second task: index 1
        assertThat(form.get("tasks[1].status")).isEqualTo("DONE");
        assertThat(form.get("tasks[1].text")).isEmpty();
        assertThat(form.get("tasks[0].status")).isEmpty();
        assertThat(form.get("narrative.proposals")).isEqualTo("Thêm vắc xin");
        assertThat(ReportForm.of(PROGRAMME_OF_PLAN, TASKS, null).check(PROGRAMME_OF_PLAN)).hasSize(4);
    }

    private static Map<String, String> valid() {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("values.TE01.value", "1250");
        typed.put("values.TE02.numerator", " 25");
        typed.put("values.TE02.denominator", "800 ");
        typed.put("values.TE03.value", "0");
        return typed;
    }

    private static ReportForm posted(Map<String, String> typed) {
        return ReportForm.posted(typed);
    }

    /** The message key for TE01's value typed so, the rest of the form valid; null when accepted. */
    private static String errorFor(String typed) {
        Map<String, String> fields = new LinkedHashMap<>(valid());
        fields.put("values.TE01.value", typed);
        Map<String, String> errors = posted(fields).check(PROGRAMME_OF_PLAN);
        assertThat(errors.keySet()).isSubsetOf("values.TE01.value");
        return errors.get("values.TE01.value");
    }

    private static Map<String, String> ratioErrors(String numerator, String denominator) {
        Map<String, String> fields = new LinkedHashMap<>(valid());
        fields.put("values.TE02.numerator", numerator);
        fields.put("values.TE02.denominator", denominator);
        return posted(fields).check(PROGRAMME_OF_PLAN);
    }
}
