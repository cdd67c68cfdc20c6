package dev.cascade.report.submission;

import dev.cascade.contracts.EventTypes;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.cascade.report.TopicRecorder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Bad reports are refused with a problem document naming the field; nothing is stored, nothing is published. */
class BadReportIT extends ReportServiceTestSupport {

    private static final String PROGRAMME = "REFUSED";

    private long keysBefore;

    @BeforeEach
    void programmeOpenFor2024Only() {
        keysBefore = mongo.count(new org.springframework.data.mongodb.core.query.Query(), "idempotency_keys");
        at(START);
        if (obligations.find(dev.cascade.report.obligation.Obligation.idOf(PROGRAMME, "2024", "10813")).isEmpty()) {
            issueAndAwaitOpen(TestData.plan(PROGRAMME, List.of("10813", "10816"), TestData.annual(2024),
                    TestData.annual(2025)), "2024");
        }
    }

    static Stream<Arguments> badReports() {
        return Stream.of(
                raw("malformed JSON", "{\"unitCode\":\"10813\",", 400, "body"),
                raw("empty body", "", 400, "body"),
                replaced("number as text", "\"numerator\":120", "\"numerator\":\"many\"",
                        400, "values.GDNN_INTAKE_RATE.numerator"),
                raw("values not an object", valid().replaceFirst("\"values\":\\{", "\"values\":[{")
                        .replace("}},\n \"tasks\"", "}}],\n \"tasks\""), 400, "values"),
                edit("no unit", r -> r.remove("unitCode"), 422, "unitCode"),
                edit("a submitter named in the body (it is the token's subject)", r -> r.put("submittedBy", " "), 422,
                        "submittedBy"),
                edit("no values", r -> r.remove("values"), 422, "values"),
                edit("unknown programme", r -> r.put("programme", "NO-SUCH"), 422, "programme"),
                edit("unknown period", r -> r.put("period", "2019"), 422, "period"),
                edit("unknown unit", r -> r.put("unitCode", "99998"), 422, "unitCode"),
                edit("unit that owes no report", r -> r.put("unitCode", "294"), 422, "unitCode"),
                edit("period not open yet", r -> r.put("period", "2025"), 409, "period"),
                edit("indicator not in the data form", r -> values(r).putObject("RURAL_WORKERS_TRAINED")
                        .put("value", 3), 422, "values.RURAL_WORKERS_TRAINED"),
                edit("required indicator missing", r -> values(r).remove("GDNN_NEW_ENROLMENT"), 422,
                        "values.GDNN_NEW_ENROLMENT"),
                edit("indicator null", r -> values(r).putNull("GDNN_NEW_ENROLMENT"), 422,
                        "values.GDNN_NEW_ENROLMENT"),
                edit("negative count", r -> count(r).put("value", -1), 422, "values.GDNN_NEW_ENROLMENT.value"),
                edit("fractional count", r -> count(r).put("value", 2.5), 422, "values.GDNN_NEW_ENROLMENT.value"),
                edit("count without value", r -> count(r).remove("value"), 422, "values.GDNN_NEW_ENROLMENT.value"),
                edit("count with a numerator", r -> count(r).put("numerator", 3), 422,
                        "values.GDNN_NEW_ENROLMENT.numerator"),
                edit("numerator above denominator", r -> ratio(r).put("numerator", 201), 422,
                        "values.GDNN_INTAKE_RATE.numerator"),
                edit("zero denominator", r -> ratio(r).put("numerator", 0).put("denominator", 0), 422,
                        "values.GDNN_INTAKE_RATE.denominator"),
                edit("negative numerator", r -> ratio(r).put("numerator", -5), 422,
                        "values.GDNN_INTAKE_RATE.numerator"),
                edit("ratio without denominator", r -> ratio(r).remove("denominator"), 422,
                        "values.GDNN_INTAKE_RATE.denominator"),
                edit("ratio given as a value", r -> ratio(r).put("value", 60), 422, "values.GDNN_INTAKE_RATE.value"),
                edit("narrative section not in the outline", r -> ((ObjectNode) r.get("narrative"))
                        .put("summary", "…"), 422, "narrative.summary"),
                edit("blank task number", r -> ((ObjectNode) r.get("tasks").get(0)).put("task", ""), 422,
                        "tasks[0].task"),
                edit("unknown task status", r -> ((ObjectNode) r.get("tasks").get(0)).put("status", "ALMOST"), 422,
                        "tasks[0].status"),
                edit("task reported twice", r -> r.withArray("tasks").add(r.get("tasks").get(0).deepCopy()), 422,
                        "tasks[1].task"),
                edit("task the plan does not have", r -> ((ObjectNode) r.get("tasks").get(0)).put("task", "9"), 422,
                        "tasks[0].task"),
                edit("negative denominator", r -> ratio(r).put("numerator", 0).put("denominator", -3), 422,
                        "values.GDNN_INTAKE_RATE.denominator"),
                edit("fractional numerator", r -> ratio(r).put("numerator", 1.5), 422,
                        "values.GDNN_INTAKE_RATE.numerator"),
                replaced("count of 1e400", "\"value\":35", "\"value\":1e400", 422, "values.GDNN_NEW_ENROLMENT.value"),
                replaced("count one above the bound", "\"value\":35", "\"value\":1000000000001",
                        422, "values.GDNN_NEW_ENROLMENT.value"),
                replaced("denominator of 1e34", "\"denominator\":200", "\"denominator\":1e34",
                        422, "values.GDNN_INTAKE_RATE.denominator"),
                replaced("count as a string", "\"value\":35", "\"value\":\"35\"",
                        400, "values.GDNN_NEW_ENROLMENT.value"),
                replaced("unit code as a number", "\"unitCode\":\"10813\"", "\"unitCode\":10813", 400, "unitCode"),
                replaced("period as a number", "\"period\":\"2024\"", "\"period\":2024", 400, "period"),
                replaced("duplicate key", "\"unitCode\":\"10813\"", "\"unitCode\":\"10816\",\"unitCode\":\"10813\"",
                        400, "unitCode"),
                replaced("lone surrogate", "\"text\":\"", "\"text\":\"\\ud800", 400, "tasks[0].text"),
                raw("trailing tokens", valid() + " {}", 400, "body"));
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @MethodSource("badReports")
    void aBadReportIsRefusedNamingTheFieldAndChangesNothing(String name, Object body, int status, String field) {
        String json = body instanceof String text ? text : editValid((Consumer<ObjectNode>) body);

        HttpResponse<String> response = post("/reports", json);

        assertRefused(response, status, field);
    }

    @Test
    void everyProblemOfAReportIsNamedAtOnce() {
        ObjectNode report = (ObjectNode) json.readTree(valid());
        ratio(report).put("numerator", 300);
        count(report).put("value", -2);
        report.put("submittedBy", "");

        HttpResponse<String> response = post("/reports", report.toString());

        assertRefused(response, 422, "values.GDNN_INTAKE_RATE.numerator");
        assertThat(parse(response.body()).get("errors").values().stream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("submittedBy", "values.GDNN_INTAKE_RATE.numerator",
                        "values.GDNN_NEW_ENROLMENT.value");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413() {
        String huge = editValid(r -> ((ObjectNode) r.get("narrative")).put("results", "x".repeat(300 * 1024)));

        assertRefused(post("/reports", huge), 413, "body");
        assertRefused(send(HttpRequest.newBuilder(uri("/reports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))).build()), 413, "body");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/reports"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(valid())).build());

        assertRefused(response, 415, "Content-Type");
    }

    @Test
    void aUnitReportingForAnotherUnitIsForbiddenNamingTheUnit() {
        HttpResponse<String> response = post("/reports", valid(), "Authorization", reporter("10816"));

        assertRefused(response, 403, "REPORTER of unit 10813");
    }

    @Test
    void aDistrictReportingForItsCommuneIsForbiddenToo() {
        assertRefused(post("/reports", valid(), "Authorization", reporter("294")), 403, "REPORTER of unit 10813");
        assertRefused(post("/reports", valid(), "Authorization", reviewer("294")), 403, "REPORTER of unit 10813");
    }

    @Test
    void anOverlongIdempotencyKeyIsRefused() {
        assertRefused(post("/reports", valid(), "Idempotency-Key", "k".repeat(201)), 400, "Idempotency-Key");
    }

    private void assertRefused(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = parse(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        if (status == 403) { // a refusal by the access rules names the rule that refused it
            assertThat(problem.get("rule").asString()).isEqualTo(field);
        } else {
            assertThat(problem.get("errors").values().stream().map(e -> e.get("field").asString())).contains(field);
        }
        assertThat(mongo.count(query(where("programme").is(PROGRAMME)), "reports")).as("nothing stored").isZero();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "idempotency_keys"))
                .as("no idempotency key kept").isEqualTo(keysBefore);
        assertThat(statusOf(PROGRAMME, "2024", "10813").name()).isEqualTo("OPEN");
        assertThat(recorder().records(r -> r.value().contains("\"" + PROGRAMME + "\"")
                && !EventTypes.OBLIGATION_OPENED.equals(header(r, "ce_type")))).as("nothing published").isEmpty();
    }

    private String editValid(Consumer<ObjectNode> edit) {
        ObjectNode report = (ObjectNode) json.readTree(valid());
        edit.accept(report);
        return report.toString();
    }

    private static String valid() {
        return TestData.report("10813", PROGRAMME, "2024", 120, 200, 35);
    }

    private static Arguments raw(String name, String body, int status, String field) {
        return Arguments.of(name, body, status, field);
    }

    /** The valid report with {@code from} replaced by {@code to}. */
    private static Arguments replaced(String name, String from, String to, int status, String field) {
        return raw(name, valid().replace(from, to), status, field);
    }

    private static Arguments edit(String name, Consumer<ObjectNode> edit, int status, String field) {
        return Arguments.of(name, edit, status, field);
    }

    private static ObjectNode values(ObjectNode report) {
        return (ObjectNode) report.get("values");
    }

    private static ObjectNode ratio(ObjectNode report) {
        return (ObjectNode) values(report).get("GDNN_INTAKE_RATE");
    }

    private static ObjectNode count(ObjectNode report) {
        return (ObjectNode) values(report).get("GDNN_NEW_ENROLMENT");
    }
}
