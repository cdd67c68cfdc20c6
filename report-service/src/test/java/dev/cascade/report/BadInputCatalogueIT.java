package dev.cascade.report;

import dev.cascade.contracts.Topics;
import dev.cascade.platform.test.BadInputCatalogue;
import dev.cascade.platform.test.OpenApiDocuments;
import dev.cascade.platform.test.BadInputCatalogue.Headers;
import dev.cascade.platform.test.BadInputCatalogue.Row;
import dev.cascade.report.obligation.Obligation;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.mongodb.core.query.Query;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.cascade.platform.test.BadInputCatalogue.CONFLICT;
import static dev.cascade.platform.test.BadInputCatalogue.FORBIDDEN;
import static dev.cascade.platform.test.BadInputCatalogue.INVALID;
import static dev.cascade.platform.test.BadInputCatalogue.JSON;
import static dev.cascade.platform.test.BadInputCatalogue.MALFORMED;
import static dev.cascade.platform.test.BadInputCatalogue.MEDIA;
import static dev.cascade.platform.test.BadInputCatalogue.METHOD;
import static dev.cascade.platform.test.BadInputCatalogue.NONE;
import static dev.cascade.platform.test.BadInputCatalogue.NOT_FOUND;
import static dev.cascade.platform.test.BadInputCatalogue.TEXT;
import static dev.cascade.platform.test.BadInputCatalogue.TOO_LARGE;
import static dev.cascade.platform.test.BadInputCatalogue.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The bad-input catalogue of report-service: one table of refused requests to its write endpoints (withdrawal,
 * review, and those submissions {@code BadReportIT} does not already cover) and its query endpoints (reports,
 * versions, obligations). Every row is sent over real HTTP and its answer checked by the shared
 * {@link BadInputCatalogue}: its status, an {@code application/problem+json} body of its {@code type} naming its
 * field (when it has one), without Java names and without echoing a large input; nothing may be stored or published,
 * and the service must still answer.
 */
class BadInputCatalogueIT extends ReportServiceTestSupport {

    private static final String PROGRAMME = "CATALOGUE";

    /** Placeholders of the table's paths: the catalogue's submitted report and its withdrawn one. */
    private static final String REPORT = "/reports/{report}";
    private static final String WITHDRAWN = "/reports/{withdrawn}";

    private static String reportId;
    private static String withdrawnId;
    /** The broker the set-up was done on (one per application context). */
    private static String preparedOn;

    /** The table: name, method, path, headers, body, status, problem kind, field named (null: none). */
    static Stream<Row> catalogue() {
        return Stream.of(
                // POST /reports: the shapes BadReportIT does not send
                row("report: JSON null", "POST", "/reports", JSON, "null", 400, MALFORMED, "body"),
                row("report: a JSON array", "POST", "/reports", JSON, "[]", 400, MALFORMED, "body"),
                row("report: a JSON string", "POST", "/reports", JSON, "\"report\"", 400, MALFORMED, "body"),
                row("report: only whitespace", "POST", "/reports", JSON, "   ", 400, MALFORMED, "body"),
                changedReport("submittedBy as a number", "\"period\":\"2024\",", "\"period\":\"2024\",\"submittedBy\":42,", 400,
                        MALFORMED, "submittedBy"),
                changedReport("submittedBy as true", "\"period\":\"2024\",", "\"period\":\"2024\",\"submittedBy\":true,", 400,
                        MALFORMED, "submittedBy"),
                changedReport("programme as an object", "\"programme\":\"" + PROGRAMME + "\"", "\"programme\":{}", 400,
                        MALFORMED, "programme"),
                row("report: tasks as an object", "POST", "/reports", JSON,
                        valid().replace("\"tasks\":[", "\"tasks\":{\"t\":").replace("}],\n \"narrative\"",
                                "}},\n \"narrative\""), 400, MALFORMED, "tasks"),
                changedReport("task status as a number", "\"status\":\"IN_PROGRESS\"", "\"status\":2", 400, MALFORMED,
                        "tasks[0].status"),
                changedReport("narrative section as a number", "\"results\":\"Kết quả\"", "\"results\":7", 400,
                        MALFORMED, "narrative.results"),
                changedReport("indicator given as a string", "\"GDNN_NEW_ENROLMENT\":{\"value\":35}",
                        "\"GDNN_NEW_ENROLMENT\":\"35\"", 400, MALFORMED, "values.GDNN_NEW_ENROLMENT"),
                changedReport("numerator as true", "\"numerator\":120", "\"numerator\":true", 400, MALFORMED,
                        "values.GDNN_INTAKE_RATE.numerator"),
                changedReport("nested key given twice", "{\"value\":35}", "{\"value\":35,\"value\":36}", 400, MALFORMED,
                        "values.GDNN_NEW_ENROLMENT.value"),
                changedReport("lone low surrogate in unitCode", "\"unitCode\":\"10813\"",
                        "\"unitCode\":\"10813\\udc00\"", 400, MALFORMED, "unitCode"),
                changedReport("lone surrogate in a narrative section", "\"results\":\"Kết quả\"",
                        "\"results\":\"\\ud800 x\"", 400, MALFORMED, "narrative.results"),
                row("report: a second document after it", "POST", "/reports", JSON, valid() + valid(), 400,
                        MALFORMED, "body"),
                row("report: a stray bracket after it", "POST", "/reports", JSON, valid() + "]", 400, MALFORMED,
                        "body"),
                changedReport("unitCode misspelt (unknown key, required key missing)", "\"unitCode\":", "\"unitcode\":",
                        422, INVALID, "unitCode"),
                changedReport("values misspelt", "\"values\":", "\"value\":", 422, INVALID, "values"),
                changedReport("no programme", "\"programme\":\"" + PROGRAMME + "\",", "", 422, INVALID, "programme"),
                changedReport("no period", "\"period\":\"2024\",", "", 422, INVALID, "period"),
                changedReport("denominator above 10^12", "\"denominator\":200", "\"denominator\":1000000000001", 422,
                        INVALID, "values.GDNN_INTAKE_RATE.denominator"),
                changedReport("count of 1e13", "\"value\":35", "\"value\":1e13", 422, INVALID,
                        "values.GDNN_NEW_ENROLMENT.value"),
                changedReport("10,000-character unit code", "\"unitCode\":\"10813\"",
                        "\"unitCode\":\"" + "9".repeat(10_000) + "\"", 422, INVALID, "unitCode"),
                changedReport("5,000-character programme", "\"programme\":\"" + PROGRAMME + "\"",
                        "\"programme\":\"" + "P".repeat(5_000) + "\"", 422, INVALID, "programme"),
                changedReport("submittedBy sent (the submitter is the token's subject)", "\"period\":\"2024\",",
                        "\"period\":\"2024\",\"submittedBy\":\"Nguyễn Văn An\",", 422, INVALID, "submittedBy"),
                row("report: blank Idempotency-Key", "POST", "/reports", JSON.with("Idempotency-Key", ""), valid(),
                        400, MALFORMED, "Idempotency-Key"),
                row("report: application/xml", "POST", "/reports", Headers.of("Content-Type", "application/xml"),
                        valid(), 415, MEDIA, "Content-Type"),
                row("report: no Content-Type", "POST", "/reports", NONE, valid(), 415, MEDIA, "Content-Type"),
                row("report: form-encoded", "POST", "/reports",
                        Headers.of("Content-Type", "application/x-www-form-urlencoded"), "unitCode=10813", 415, MEDIA,
                        "Content-Type"),

                // POST /reports/{id}/withdrawal
                withdrawal("malformed JSON", "{\"withdrawnBy\":", 400, MALFORMED, "body"),
                withdrawal("withdrawnBy as a number", "{\"withdrawnBy\":7}", 400, MALFORMED, "withdrawnBy"),
                withdrawal("reason as an array", "{\"withdrawnBy\":\"An\",\"reason\":[\"x\"]}", 400, MALFORMED,
                        "reason"),
                withdrawal("withdrawnBy given twice", "{\"withdrawnBy\":\"An\",\"withdrawnBy\":\"Bình\"}", 400,
                        MALFORMED, "withdrawnBy"),
                withdrawal("lone surrogate in reason", "{\"withdrawnBy\":\"An\",\"reason\":\"\\ud800\"}", 400,
                        MALFORMED, "reason"),
                withdrawal("text after the document", "{\"withdrawnBy\":\"An\"} x", 400, MALFORMED, "body"),
                withdrawal("a JSON array", "[]", 400, MALFORMED, "body"),
                withdrawal("a person named (the token's subject is recorded)", "{\"withdrawnBy\":\"An\"}", 422,
                        INVALID, "withdrawnBy"),
                withdrawal("a blank person named", "{\"withdrawnBy\":\" \",\"reason\":\"x\"}", 422, INVALID,
                        "withdrawnBy"),
                withdrawal("withdrawnBy of 201 characters", "{\"withdrawnBy\":\"" + "a".repeat(201) + "\"}", 422,
                        INVALID, "withdrawnBy"),
                withdrawal("reason of 2,001 characters",
                        "{\"reason\":\"" + "r".repeat(2_001) + "\"}", 422, INVALID, "reason"),
                row("withdrawal: by another unit's reporter", "POST", REPORT + "/withdrawal",
                        JSON.with("Authorization", reporter("10816")), "{\"reason\":\"An\"}", 403, FORBIDDEN,
                        null),
                row("withdrawal: text/plain", "POST", REPORT + "/withdrawal", TEXT, "{\"reason\":\"An\"}", 415,
                        MEDIA, "Content-Type"),
                withdrawal("300 KB declared", big(), 413, TOO_LARGE, "body"),
                row("withdrawal: 300 KB chunked", "POST", REPORT + "/withdrawal", JSON.streamed(), big(), 413,
                        TOO_LARGE, "body"),
                row("withdrawal: unknown report", "POST", "/reports/no-such-report/withdrawal", JSON,
                        "{\"reason\":\"An\"}", 404, NOT_FOUND, "id"),
                row("withdrawal: already withdrawn", "POST", WITHDRAWN + "/withdrawal", JSON,
                        "{\"reason\":\"An\"}", 409, CONFLICT, "status"),
                row("withdrawal: 3,000-character report id", "POST", "/reports/" + "r".repeat(3_000) + "/withdrawal",
                        JSON, "{\"reason\":\"An\"}", 404, NOT_FOUND, "id"),

                // POST /reports/{id}/review
                review("a fractional version", "{\"decision\":\"ACCEPT\",\"version\":1.5}", 400, MALFORMED, "version"),
                review("malformed JSON", "{\"decision\":\"ACCEPT\"", 400, MALFORMED, "body"),
                review("empty body", "", 400, MALFORMED, "body"),
                review("decision as a number", "{\"decision\":1}", 400, MALFORMED, "decision"),
                review("version as a string", "{\"decision\":\"MAYBE\",\"version\":\"1\"}", 400, MALFORMED, "version"),
                review("version beyond an int", "{\"decision\":\"MAYBE\",\"version\":1000000000001}", 400, MALFORMED,
                        "version"),
                review("JSON null", "null", 400, MALFORMED, "body"),
                review("decision given twice", "{\"decision\":\"RETURN\",\"decision\":\"ACCEPT\"}", 400, MALFORMED,
                        "decision"),
                review("lone surrogate in reason", "{\"decision\":\"RETURN\",\"reason\":\"sai \\udfff\"}", 400,
                        MALFORMED, "reason"),
                review("text after the document", "{\"decision\":\"MAYBE\"}{}", 400, MALFORMED, "body"),
                review("no decision", "{\"reason\":\"x\"}", 422, INVALID, "decision"),
                review("unknown decision", "{\"decision\":\"MAYBE\"}", 422, INVALID, "decision"),
                review("decision in lower case", "{\"decision\":\"accept\"}", 422, INVALID, "decision"),
                review("RETURN without a reason", "{\"decision\":\"RETURN\"}", 422, INVALID, "reason"),
                review("reason of 2,001 characters",
                        "{\"decision\":\"RETURN\",\"reason\":\"" + "r".repeat(2_001) + "\"}", 422, INVALID, "reason"),
                review("reviewedBy of 201 characters",
                        "{\"decision\":\"ACCEPT\",\"reviewedBy\":\"" + "b".repeat(201) + "\"}", 422, INVALID,
                        "reviewedBy"),
                review("not the latest version", "{\"decision\":\"ACCEPT\",\"version\":99}", 409, CONFLICT, "version"),
                row("review: by a reviewer of a unit that is not the parent", "POST", REPORT + "/review",
                        JSON.with("Authorization", reviewer("288")), "{\"decision\":\"ACCEPT\"}", 403, FORBIDDEN,
                        null),
                row("review: a withdrawn report", "POST", WITHDRAWN + "/review", JSON, "{\"decision\":\"ACCEPT\"}",
                        409, CONFLICT, "status"),
                row("review: unknown report", "POST", "/reports/no-such-report/review", JSON,
                        "{\"decision\":\"ACCEPT\"}", 404, NOT_FOUND, "id"),
                row("review: text/plain", "POST", REPORT + "/review", TEXT, "{\"decision\":\"ACCEPT\"}", 415, MEDIA,
                        "Content-Type"),
                review("300 KB declared", big(), 413, TOO_LARGE, "body"),
                row("review: 300 KB chunked", "POST", REPORT + "/review", JSON.streamed(), big(), 413, TOO_LARGE,
                        "body"),

                // queries
                row("GET report: unknown id", "GET", "/reports/no-such-report", NONE, null, 404, NOT_FOUND, "id"),
                row("GET report: 5,000-character id", "GET", "/reports/" + "x".repeat(5_000), NONE, null, 404,
                        NOT_FOUND, "id"),
                row("GET version: no such version", "GET", REPORT + "/versions/99", NONE, null, 404, NOT_FOUND,
                        "version"),
                row("GET version: version 0", "GET", REPORT + "/versions/0", NONE, null, 404, NOT_FOUND, "version"),
                row("GET version: negative version", "GET", REPORT + "/versions/-1", NONE, null, 404, NOT_FOUND,
                        "version"),
                row("GET version: of an unknown report", "GET", "/reports/no-such-report/versions/1", NONE, null,
                        404, NOT_FOUND, "id"),
                row("GET obligations: neither unit nor under", "GET", "/obligations", NONE, null, 400, MALFORMED,
                        "unit"),
                row("GET obligations: blank unit and under", "GET", "/obligations?unit=%20&under=", NONE, null, 400,
                        MALFORMED, "unit"),
                row("GET obligations: both unit and under", "GET", "/obligations?unit=10813&under=294", NONE, null,
                        400, MALFORMED, "under"),
                row("GET obligations: unknown status", "GET", "/obligations?unit=10813&status=NOPE", NONE, null, 400,
                        MALFORMED, "status"),
                row("GET obligations: status in lower case", "GET", "/obligations?under=294&status=open", NONE, null,
                        400, MALFORMED, "status"),
                row("GET obligations: 3,000-character status", "GET",
                        "/obligations?unit=10813&status=" + "S".repeat(3_000), NONE, null, 400, MALFORMED, "status"),

                // methods and paths
                row("GET /reports", "GET", "/reports", NONE, null, 405, METHOD, null),
                row("PUT /reports", "PUT", "/reports", JSON, valid(), 405, METHOD, null),
                row("DELETE a report", "DELETE", REPORT, NONE, null, 405, METHOD, null),
                row("PATCH a report", "PATCH", REPORT, JSON, "{}", 405, METHOD, null),
                row("GET a withdrawal", "GET", REPORT + "/withdrawal", NONE, null, 405, METHOD, null),
                row("PUT a review", "PUT", REPORT + "/review", JSON, "{\"decision\":\"ACCEPT\"}", 405, METHOD, null),
                row("POST /obligations", "POST", "/obligations?unit=10813", JSON, "{}", 405, METHOD, null),
                row("DELETE /obligations", "DELETE", "/obligations?unit=10813", NONE, null, 405, METHOD, null),
                row("GET an unknown path", "GET", "/nowhere", NONE, null, 404, NOT_FOUND, null),
                row("GET an unknown sub-path", "GET", REPORT + "/versions/1/extra", NONE, null, 404, NOT_FOUND,
                        null),
                row("GET version: not a number", "GET", REPORT + "/versions/abc", NONE, null, 400, MALFORMED, null),
                row("GET version: beyond an int", "GET", REPORT + "/versions/99999999999", NONE, null, 400,
                        MALFORMED, null),
                row("GET report: encoded slash in the id", "GET", "/reports/a%2Fb", NONE, null, 400, MALFORMED,
                        null));
    }

    /** A report, {@link #valid()} with {@code from} replaced by {@code to}, and the answer it must get. */
    private static Row changedReport(String name, String from, String to, int status, String kind, String field) {
        return row("report: " + name, "POST", "/reports", JSON, valid().replace(from, to), status, kind, field);
    }

    /** A JSON withdrawal of the catalogue's submitted report, and the answer it must get. */
    private static Row withdrawal(String name, String body, int status, String kind, String field) {
        return row("withdrawal: " + name, "POST", REPORT + "/withdrawal", JSON, body, status, kind, field);
    }

    /** A JSON review of the catalogue's submitted report, and the answer it must get. */
    private static Row review(String name, String body, int status, String kind, String field) {
        return row("review: " + name, "POST", REPORT + "/review", JSON, body, status, kind, field);
    }

    /** The OpenAPI document is valid, lists the endpoints with their problem responses, and is written for CI's lint. */
    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsProblemResponses() {
        OpenApiDocuments.checkAndWrite(java.net.URI.create("http://localhost:" + port), "report-service", java.util.List.of("/reports", "/reports/{id}", "/reports/{id}/versions/{version}", "/reports/{id}/withdrawal", "/reports/{id}/review", "/obligations"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("catalogue")
    void aBadRequestIsRefusedWithAProblemAndChangesNothing(Row row) {
        Row resolved = row.withPath(row.path().replace("{report}", reportId).replace("{withdrawn}", withdrawnId));
        if (!resolved.headers().pairs().contains("Authorization")) { // the token of whoever would send it
            resolved = new Row(resolved.name(), resolved.method(), resolved.path(), resolved.headers().with(
                    "Authorization", tokenFor(resolved.method(), resolved.path(), resolved.body())),
                    resolved.body(), resolved.status(), resolved.kind(), resolved.field());
        }
        BadInputCatalogue.assertRefused(uri(""), resolved, this::state, () -> assertThat(
                get("/obligations?unit=10813").statusCode()).as("the service still answers").isEqualTo(200));
    }

    private static String valid() {
        return TestData.report("10813", PROGRAMME, "2024", 120, 200, 35);
    }

    /** A well-formed withdrawal or review of about 300 KB, over the 256 KB limit. */
    private static String big() {
        return "{\"withdrawnBy\":\"An\",\"decision\":\"ACCEPT\",\"reason\":\"" + "x".repeat(300 * 1024) + "\"}";
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    @BeforeEach
    void catalogueProgrammeWithASubmittedAndAWithdrawnReport() {
        at(START);
        if (broker.getBrokersAsString().equals(preparedOn)) {
            return;
        }
        if (obligations.find(Obligation.idOf(PROGRAMME, "2024", "10813")).isEmpty()) {
            // one period only: a later period would open when another test moves the shared clock past its start
            issueAndAwaitOpen(TestData.plan(PROGRAMME, List.of("10813", "10816"), TestData.annual(2024)), "2024");
        }
        reportId = existingReport("10813").orElseGet(() -> {
            HttpResponse<String> created = post("/reports", valid());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return parse(created.body()).get("reportId").asString();
        });
        withdrawnId = existingReport("10816").orElseGet(() -> {
            HttpResponse<String> created = post("/reports", TestData.report("10816", PROGRAMME, "2024", 90, 150, 20));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = parse(created.body()).get("reportId").asString();
            HttpResponse<String> withdrawn = post("/reports/" + id + "/withdrawal", "{\"reason\":\"An\"}");
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
            return id;
        });
        // the set-up's events are out and nothing else is moving before the first row is sent
        BadInputCatalogue.awaitQuiet(this::state, Duration.ofSeconds(60));
        preparedOn = broker.getBrokersAsString();
    }

    private Optional<String> existingReport(String unit) {
        Document report = mongo.getCollection("reports").find(new Document("programme", PROGRAMME)
                .append("unitCode", unit)).first();
        return Optional.ofNullable(report).map(r -> r.getString("_id"));
    }

    /**
     * What a refusal must not change: the reports and idempotency keys (any), the catalogue programme's obligations,
     * and the end offsets of the two topics report-service publishes on.
     */
    private Map<String, String> state() {
        Map<String, String> state = new TreeMap<>();
        state.put("reports", digest("reports", new Query()));
        state.put("idempotency_keys", digest("idempotency_keys", new Query()));
        state.put("obligations", digest("obligations", query(where("programme").is(PROGRAMME))));
        BadInputCatalogue.putEndOffsets(state, broker.getBrokersAsString(), Topics.OBLIGATIONS, Topics.REPORTS);
        return state;
    }

    /** The number of documents and an order-independent hash of their content. */
    private String digest(String collection, Query which) {
        return BadInputCatalogue.digest(mongo.getCollection(collection).find(which.getQueryObject())
                .map(Document::toJson));
    }
}
