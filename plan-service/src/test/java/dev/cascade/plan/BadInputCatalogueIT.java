package dev.cascade.plan;

import dev.cascade.platform.test.EmbeddedStore;
import dev.cascade.contracts.Topics;
import dev.cascade.platform.test.BadInputCatalogue;
import dev.cascade.platform.test.OpenApiDocuments;
import dev.cascade.platform.test.BadInputCatalogue.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static dev.cascade.platform.test.BadInputCatalogue.CONFLICT;
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

/**
 * The bad-input catalogue of plan-service: one table of refused requests to its write endpoints (plans and their
 * lifecycle, agencies, imports, indicators) and its query endpoints (plans, units by day, search, indicators).
 * The service starts as {@link PlanServiceIT} starts it (demo data, embedded KRaft broker, the embedded
 * MongoDB-wire server, the clock on 7 December 2024), on a real port and its own database, with one extra draft
 * plan. Every row is sent and its answer checked by the shared {@link BadInputCatalogue}: its status, an
 * {@code application/problem+json} body of its {@code type} naming its field (when it has one), without Java names
 * and without echoing a large input; nothing may be stored or published, and the service must still answer. Every
 * row is sent with a real token of the person who may make the request ({@link FittingTokens}), so that what it
 * meets is the rule it is about, not the access rules (those are {@code AuthorizationMatrixIT}'s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=plan-service",
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.mongodb.database=plan-service-catalogue-test",
        "cascade.demo.enabled=true",
        "cascade.clock=2024-12-07T08:00:00+07:00",
        "cascade.publication.retry-interval=PT1H"})
@EmbeddedKafka(partitions = 1, topics = {"cascade.units.v1", "cascade.plans.v1"})
@EmbeddedStore
class BadInputCatalogueIT {

    /** The draft the set-up creates, and the demo's issued plan (seed 001). */
    private static final String DRAFT = "/plans/KH-30-2024-CAT";
    private static final String ISSUED = "/plans/" + PlanServiceIT.DEMO_PLAN;

    /** The broker the set-up was done on (one per application context). */
    private static String preparedOn;

    /** The table: name, method, path, headers, body, status, problem kind, field named (null: none). */
    static Stream<Row> catalogue() {
        return Stream.of(
                // POST /plans: shape
                row("plan: malformed JSON", "POST", "/plans", JSON, "{\"number\":\"999/KH-UBND\",", 400, MALFORMED,
                        "body"),
                row("plan: empty body", "POST", "/plans", JSON, "", 400, MALFORMED, "body"),
                row("plan: JSON null", "POST", "/plans", JSON, "null", 400, MALFORMED, "body"),
                row("indicator: empty body", "POST", "/indicators", JSON, "", 400, MALFORMED, "body"),
                row("plan: a JSON array", "POST", "/plans", JSON, "[" + plan() + "]", 400, MALFORMED, "body"),
                malformedPlan("number as a number", "\"number\":\"999/KH-UBND\"", "\"number\":999", "number"),
                malformedPlan("horizonStart as a string", "\"horizonStart\":2024",
                        "\"horizonStart\":\"2024\"", "horizonStart"),
                malformedPlan("horizonStart beyond an int", "\"horizonStart\":2024",
                        "\"horizonStart\":1000000000001", "horizonStart"),
                malformedPlan("target value as a string", "\"value\":50", "\"value\":\"50\"", "targets[0].value"),
                malformedPlan("reportingUnits as a string", "\"reportingUnits\":[\"10813\",\"10816\",\"10507\"]",
                        "\"reportingUnits\":\"10813\"", "reportingUnits"),
                malformedPlan("number given twice", "\"number\":\"999/KH-UBND\"",
                        "\"number\":\"998/KH-UBND\",\"number\":\"999/KH-UBND\"", "number"),
                malformedPlan("lone surrogate in the title", "\"title\":\"Kế hoạch",
                        "\"title\":\"\\ud800 Kế hoạch", "title"),
                row("plan: text after the document", "POST", "/plans", JSON, plan() + " true", 400, MALFORMED,
                        "body"),
                // POST /plans: content
                malformedPlan("number missing", "\"number\":\"999/KH-UBND\",", "", "number"),
                malformedPlan("title misspelt (unknown key, required key missing)", "\"title\":",
                        "\"titel\":", "title"),
                malformedPlan("number of 10,000 characters", "\"number\":\"999/KH-UBND\"",
                        "\"number\":\"" + "9".repeat(10_000) + "\"", "number"),
                malformedPlan("title of 2,001 characters", "\"title\":\"Kế hoạch",
                        "\"title\":\"" + "t".repeat(2_001), "title"),
                malformedPlan("issue date 30 February", "2024-01-15", "2024-02-30", "issueDate"),
                malformedPlan("issue date dd/MM/yyyy", "2024-01-15", "15/01/2024", "issueDate"),
                malformedPlan("horizonStart 1999", "\"horizonStart\":2024", "\"horizonStart\":1999", "horizonStart"),
                malformedPlan("horizon ending before it starts", "\"horizonEnd\":2025",
                        "\"horizonEnd\":2023", "horizonEnd"),
                malformedPlan("unknown issuer", "\"issuerUnitCode\":\"30\"",
                        "\"issuerUnitCode\":\"99999\"", "issuerUnitCode"),
                row("plan: issuer gone on the issue date", "POST", "/plans", JSON,
                        plan().replace("\"issuerUnitCode\":\"30\"", "\"issuerUnitCode\":\"294\"")
                                .replace("2024-01-15", "2025-08-01"), 400, MALFORMED, "issuerUnitCode"),
                malformedPlan("unknown indicator in the data form", "\"GDNN_NEW_ENROLMENT\"]",
                        "\"NOPE\"]", "programme.indicators[1]"),
                malformedPlan("unknown target indicator", "{\"indicator\":\"GDNN_INTAKE_RATE\"",
                        "{\"indicator\":\"NOPE\"", "targets[0].indicator"),
                malformedPlan("unknown comparator", "\"RANGE\"", "\"ABOUT\"", "targets[0].comparator"),
                malformedPlan("RANGE without upper", ",\"upper\":55", "", "targets[0].upper"),
                malformedPlan("ratio target above 100", "\"value\":50,\"upper\":55",
                        "\"value\":150,\"upper\":155", "targets[0].value"),
                malformedPlan("negative target", "\"value\":50", "\"value\":-5", "targets[0].value"),
                malformedPlan("target year before the horizon", "\"year\":2030", "\"year\":2020", "targets[0].year"),
                malformedPlan("unknown reporting unit", "\"10507\"]", "\"99999\"]", "reportingUnits[2]"),
                malformedPlan("reporting unit of another province", "\"10507\"]", "\"89\"]", "reportingUnits[2]"),
                malformedPlan("reporting unit twice", "\"10816\",\"10507\"]",
                        "\"10813\",\"10507\"]", "reportingUnits[1]"),
                malformedPlan("no reporting unit", "[\"10813\",\"10816\",\"10507\"]", "[]", "reportingUnits"),
                malformedPlan("unknown task lead", "\"leadUnit\":\"30\"",
                        "\"leadUnit\":\"99999\"", "tasks[0].leadUnit"),
                malformedPlan("unknown cooperating unit", "\"cooperatingUnits\":[]",
                        "\"cooperatingUnits\":[\"99999\"]", "tasks[0].cooperatingUnits[0]"),
                malformedPlan("unknown frequency", "\"ANNUAL\"", "\"WEEKLY\"", "programme.frequency"),
                malformedPlan("deadline 13-45", "\"COMMUNE\":\"12-05\"",
                        "\"COMMUNE\":\"13-45\"", "programme.deadlines.COMMUNE"),
                malformedPlan("deadline +0", "\"COMMUNE\":\"12-05\"",
                        "\"COMMUNE\":\"+0\"", "programme.deadlines.COMMUNE"),
                malformedPlan("deadline of an unknown level", "\"COMMUNE\":\"12-05\"",
                        "\"COMMUNE\":\"12-05\",\"VILLAGE\":\"12-01\"", "programme.deadlines.VILLAGE"),
                malformedPlan("province due before its districts", "\"PROVINCE\":\"12-15\"",
                        "\"PROVINCE\":\"12-08\"", "programme.deadlines.PROVINCE"),
                malformedPlan("no programme", "\"programme\":{", "\"programmes\":{", "programme"),
                malformedPlan("programme code in lower case", "\"CAT-NEW-ANNUAL\"",
                        "\"cat-new-annual\"", "programme.code"),
                malformedPlan("unknown plan as its basis", "[\"21-CT/TW\"]",
                        "[\"21-CT/TW\",\"KH-30-2023-9999\"]", "basis[1]"),
                malformedPlan("ad hoc periods for an annual programme", "\"frequency\":\"ANNUAL\"",
                        "\"frequency\":\"ANNUAL\",\"adHocPeriods\":"
                                + "[{\"id\":\"2024-DOT1\",\"cutOffStart\":\"2024-11-01\",\"cutOffEnd\":\"2024-11-30\"}]",
                        "programme.adHocPeriods"),
                row("plan: programme code of another plan", "POST", "/plans", JSON,
                        plan().replace("\"CAT-NEW-ANNUAL\"", "\"TH-GDNN-ANNUAL\""), 409, CONFLICT,
                        "programme.code"),
                row("plan: a plan id that exists", "POST", "/plans", JSON, draft(), 409, CONFLICT, "number"),
                row("plan: text/plain", "POST", "/plans", TEXT, plan(), 415, MEDIA, null),
                row("plan: no Content-Type", "POST", "/plans", NONE, plan(), 415, MEDIA, null),
                row("plan: 1.1 MB declared", "POST", "/plans", JSON, big(), 413, TOO_LARGE, "body"),
                row("plan: 1.1 MB chunked", "POST", "/plans", JSON.streamed(), big(), 413, TOO_LARGE, "body"),

                // the lifecycle
                row("revise: unknown plan", "PUT", "/plans/KH-30-2024-NOPE", JSON, plan(), 404, NOT_FOUND, null),
                row("revise: an issued plan", "PUT", ISSUED, JSON, plan(), 409, CONFLICT, null),
                row("revise: malformed JSON", "PUT", DRAFT, JSON, "{\"number\":", 400, MALFORMED, "body"),
                row("revise: horizonStart as a string", "PUT", DRAFT, JSON,
                        draft().replace("\"horizonStart\":2024", "\"horizonStart\":\"2024\""), 400, MALFORMED,
                        "horizonStart"),
                row("revise: a field wrong", "PUT", DRAFT, JSON, draft().replace("2024-01-15", "2024-01-32"), 400,
                        MALFORMED, "issueDate"),
                row("revise: a number that changes the id", "PUT", DRAFT, JSON, plan(), 409, CONFLICT, "number"),
                row("revise: 1.1 MB chunked", "PUT", DRAFT, JSON.streamed(), big(), 413, TOO_LARGE, "body"),
                row("issue: unknown plan", "POST", "/plans/KH-30-2024-NOPE/issue", NONE, null, 404, NOT_FOUND, null),
                row("issue: already issued", "POST", ISSUED + "/issue", NONE, null, 409, CONFLICT, null),
                row("amend: a draft", "POST", DRAFT + "/amendments", JSON, draft(), 409, CONFLICT, null),
                row("amend: unknown plan", "POST", "/plans/KH-30-2024-NOPE/amendments", JSON, draft(), 404,
                        NOT_FOUND, null),
                row("amend: malformed JSON", "POST", ISSUED + "/amendments", JSON, "{", 400, MALFORMED, "body"),
                row("amend: horizonStart as a string", "POST", ISSUED + "/amendments", JSON,
                        draft().replace("\"horizonStart\":2024", "\"horizonStart\":\"2024\""), 400, MALFORMED,
                        "horizonStart"),
                row("amend: another plan's number", "POST", ISSUED + "/amendments", JSON, draft(), 409, CONFLICT,
                        "number"),
                row("revoke: revokedOn not a date", "POST", ISSUED + "/revocation", JSON,
                        "{\"revokedOn\":\"31/12/2024\"}", 400, MALFORMED, "revokedOn"),
                row("revoke: revokedOn as a number", "POST", ISSUED + "/revocation", JSON, "{\"revokedOn\":20241231}",
                        400, MALFORMED, "revokedOn"),
                row("revoke: revokedBy of 101 characters", "POST", ISSUED + "/revocation", JSON,
                        "{\"revokedBy\":\"" + "q".repeat(101) + "\"}", 400, MALFORMED, "revokedBy"),
                row("revoke: reason of 2,001 characters", "POST", ISSUED + "/revocation", JSON,
                        "{\"reason\":\"" + "r".repeat(2_001) + "\"}", 400, MALFORMED, "reason"),
                row("revoke: reason given twice", "POST", ISSUED + "/revocation", JSON,
                        "{\"reason\":\"a\",\"reason\":\"b\"}", 400, MALFORMED, "reason"),
                row("revoke: malformed JSON", "POST", ISSUED + "/revocation", JSON, "{\"reason\"", 400, MALFORMED,
                        "body"),
                row("revoke: a draft", "POST", DRAFT + "/revocation", JSON, "{\"reason\":\"sai\"}", 409, CONFLICT,
                        null),
                row("revoke: unknown plan", "POST", "/plans/KH-30-2024-NOPE/revocation", JSON, "{}", 404, NOT_FOUND,
                        null),
                row("revoke: text/plain", "POST", ISSUED + "/revocation", TEXT, "{}", 415, MEDIA, null),

                // plan queries
                row("GET plan: unknown id", "GET", "/plans/KH-30-2024-NOPE", NONE, null, 404, NOT_FOUND, null),
                row("GET plan: 5,000-character id", "GET", "/plans/" + "K".repeat(5_000), NONE, null, 404, NOT_FOUND,
                        null),

                // units: queries
                row("GET unit: unknown code", "GET", "/units/99999", NONE, null, 404, NOT_FOUND, null),
                row("GET unit: gone on that day", "GET", "/units/294?asOf=2025-07-01", NONE, null, 404, NOT_FOUND,
                        null),
                row("GET unit: 5,000-character code", "GET", "/units/" + "7".repeat(5_000), NONE, null, 404,
                        NOT_FOUND, null),
                row("GET unit: asOf month 13", "GET", "/units/10813?asOf=2024-13-01", NONE, null, 400, MALFORMED,
                        "asOf"),
                row("GET unit: asOf 30 February", "GET", "/units/10813?asOf=2024-02-30", NONE, null, 400, MALFORMED,
                        "asOf"),
                row("GET unit: asOf in words", "GET", "/units/10813?asOf=yesterday", NONE, null, 400, MALFORMED,
                        "asOf"),
                row("GET children: asOf with slashes", "GET", "/units/294/children?asOf=2024/12/01", NONE, null, 400,
                        MALFORMED, "asOf"),
                row("GET children: unknown unit", "GET", "/units/99999/children", NONE, null, 404, NOT_FOUND, null),
                row("GET subtree: asOf with a time", "GET", "/units/30/subtree?asOf=2024-12-01T00:00", NONE, null,
                        400, MALFORMED, "asOf"),
                row("GET subtree: gone on that day", "GET", "/units/288/subtree?asOf=2025-07-02", NONE, null, 404,
                        NOT_FOUND, null),
                row("GET path: unknown unit", "GET", "/units/99999/path", NONE, null, 404, NOT_FOUND, null),
                row("GET path: asOf of 3,000 characters", "GET", "/units/10813/path?asOf=" + "2".repeat(3_000), NONE,
                        null, 400, MALFORMED, "asOf"),
                row("search: no name", "GET", "/units", NONE, null, 400, MALFORMED, "name"),
                row("search: one letter", "GET", "/units?name=a", NONE, null, 400, MALFORMED, "name"),
                row("search: unknown level", "GET", "/units?name=thanh&level=VILLAGE", NONE, null, 400, MALFORMED,
                        "level"),
                row("search: limit 0", "GET", "/units?name=thanh&limit=0", NONE, null, 400, MALFORMED, "limit"),
                row("search: limit 201", "GET", "/units?name=thanh&limit=201", NONE, null, 400, MALFORMED, "limit"),
                row("search: limit not a number", "GET", "/units?name=thanh&limit=abc", NONE, null, 400, MALFORMED,
                        null),
                row("search: malformed asOf", "GET", "/units?name=thanh&asOf=2024-1-1", NONE, null, 400, MALFORMED,
                        "asOf"),

                // units: writes
                row("agency: code all digits", "PUT", "/units/12345", JSON, agency("30"), 400, MALFORMED, "code"),
                row("agency: code in lower case", "PUT", "/units/30-sldtbxh", JSON, agency("30"), 400, MALFORMED,
                        "code"),
                row("agency: code of 41 characters", "PUT", "/units/" + "A".repeat(41), JSON, agency("30"), 400,
                        MALFORMED, "code"),
                row("agency: an official unit's code", "PUT", "/units/BGDDT", JSON, agency("30"), 409, CONFLICT,
                        "code"),
                row("agency: no name", "PUT", "/units/30-CATALOGUE", JSON, "{\"type\":\"Sở\",\"parentCode\":\"30\"}",
                        400, MALFORMED, "name"),
                row("agency: name of 301 characters", "PUT", "/units/30-CATALOGUE", JSON,
                        agency("30").replace("\"name\":\"Sở Catalogue\"", "\"name\":\"" + "n".repeat(301) + "\""),
                        400, MALFORMED, "name"),
                row("agency: no type", "PUT", "/units/30-CATALOGUE", JSON,
                        "{\"name\":\"Sở Catalogue\",\"parentCode\":\"30\"}", 400, MALFORMED, "type"),
                row("agency: unknown parent", "PUT", "/units/30-CATALOGUE", JSON, agency("99999"), 400, MALFORMED,
                        "parentCode"),
                row("agency: no parent", "PUT", "/units/30-CATALOGUE", JSON,
                        "{\"name\":\"Sở Catalogue\",\"type\":\"Sở\"}", 400, MALFORMED, "parentCode"),
                row("agency: name as a number", "PUT", "/units/30-CATALOGUE", JSON,
                        "{\"name\":1,\"type\":\"Sở\",\"parentCode\":\"30\"}", 400, MALFORMED, "name"),
                row("agency: lone surrogate in the name", "PUT", "/units/30-CATALOGUE", JSON,
                        agency("30").replace("Sở Catalogue", "Sở \\udbff"), 400, MALFORMED, "name"),
                row("agency: malformed JSON", "PUT", "/units/30-CATALOGUE", JSON, "{\"name\":\"x\"", 400, MALFORMED,
                        "body"),
                row("agency: predecessors as a string", "PUT", "/units/30-CATALOGUE", JSON,
                        agency("30", "\"30-SLDTBXH\""), 400, MALFORMED, "predecessors"),
                row("agency: predecessor of an unknown kind", "PUT", "/units/30-CATALOGUE", JSON,
                        agency("30", "[{\"code\":\"30-SLDTBXH\",\"kind\":\"HALF\"}]"), 400, MALFORMED,
                        "predecessors[0].kind"),
                row("agency: predecessor without a code", "PUT", "/units/30-CATALOGUE", JSON,
                        agency("30", "[{\"kind\":\"FULL\"}]"), 400, MALFORMED, "predecessors[0].code"),
                row("agency: a territorial unit as predecessor", "PUT", "/units/30-CATALOGUE", JSON,
                        agency("30", "[{\"code\":\"294\",\"kind\":\"FULL\"}]"), 400, MALFORMED,
                        "predecessors[0].code"),
                row("agency: text/plain", "PUT", "/units/30-CATALOGUE", TEXT, agency("30"), 415, MEDIA, null),
                row("agency: 1.1 MB declared", "PUT", "/units/30-CATALOGUE", JSON, big(), 413, TOO_LARGE, "body"),
                row("import: no provinces", "POST", "/units/imports", JSON, "{}", 400, MALFORMED, "provinces"),
                row("import: empty body", "POST", "/units/imports", JSON, "", 400, MALFORMED, "provinces"),
                row("import: unknown province", "POST", "/units/imports", JSON, "{\"provinces\":\"99\"}", 400,
                        MALFORMED, "provinces"),
                row("import: provinces as a number", "POST", "/units/imports", JSON, "{\"provinces\":30}", 400,
                        MALFORMED, "provinces"),
                row("import: provinces as an array", "POST", "/units/imports", JSON, "{\"provinces\":[\"30\"]}", 400,
                        MALFORMED, "provinces"),
                row("import: text/plain", "POST", "/units/imports", TEXT, "{\"provinces\":\"30\"}", 415, MEDIA, null),

                // indicators
                row("GET indicator: unknown code", "GET", "/indicators/NOPE", NONE, null, 404, NOT_FOUND, null),
                row("indicator: code in lower case", "POST", "/indicators", JSON,
                        indicator().replace("\"CAT_DROPOUT_RATE\"", "\"cat_dropout_rate\""), 400, MALFORMED, "code"),
                row("indicator: unknown kind", "POST", "/indicators", JSON,
                        indicator().replace("\"RATIO\"", "\"PERCENT\""), 400, MALFORMED, "kind"),
                row("indicator: kind as a number", "POST", "/indicators", JSON,
                        indicator().replace("\"RATIO\"", "1"), 400, MALFORMED, "kind"),
                row("indicator: ratio without a denominator label", "POST", "/indicators", JSON,
                        indicator().replace(",\"denominatorLabel\":\"Số người học\"", ""), 400, MALFORMED,
                        "denominatorLabel"),
                row("indicator: count without countNature", "POST", "/indicators", JSON,
                        "{\"code\":\"CAT_GRADUATES\",\"name\":\"Số tốt nghiệp\",\"unitOfMeasure\":\"người\","
                                + "\"kind\":\"COUNT\"}", 400, MALFORMED, "countNature"),
                row("indicator: name of 501 characters", "POST", "/indicators", JSON,
                        indicator().replace("\"Tỷ lệ người học bỏ học\"", "\"" + "n".repeat(501) + "\""), 400,
                        MALFORMED, "name"),
                row("indicator: another definition of an existing code", "POST", "/indicators", JSON,
                        indicator().replace("\"CAT_DROPOUT_RATE\"", "\"GDNN_INTAKE_RATE\""), 409, CONFLICT, "code"),
                row("indicator: malformed JSON", "POST", "/indicators", JSON, "{\"code\":", 400, MALFORMED, "body"),
                row("indicator: text/plain", "POST", "/indicators", TEXT, indicator(), 415, MEDIA, null),

                // methods and paths
                row("DELETE a plan", "DELETE", DRAFT, NONE, null, 405, METHOD, null),
                row("PATCH a plan", "PATCH", DRAFT, JSON, "{}", 405, METHOD, null),
                row("GET an issue", "GET", DRAFT + "/issue", NONE, null, 405, METHOD, null),
                row("DELETE a unit", "DELETE", "/units/10813", NONE, null, 405, METHOD, null),
                row("POST to a unit", "POST", "/units/10813", JSON, agency("30"), 405, METHOD, null),
                row("PUT an indicator", "PUT", "/indicators/GDNN_INTAKE_RATE", JSON, indicator(), 405, METHOD, null),
                row("DELETE the indicators", "DELETE", "/indicators", NONE, null, 405, METHOD, null),
                row("GET an unknown path", "GET", "/nowhere", NONE, null, 404, NOT_FOUND, null),
                row("GET an unknown sub-path of a plan", "GET", DRAFT + "/history", NONE, null, 404, NOT_FOUND,
                        null),
                row("GET units with an encoded slash", "GET", "/units/30%2F294", NONE, null, 400, MALFORMED, null));
    }

    /** The OpenAPI document is valid, lists the endpoints with their problem responses, and is written for CI's lint. */
    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsProblemResponses() {
        OpenApiDocuments.checkAndWrite(java.net.URI.create("http://localhost:" + port), "plan-service", java.util.List.of("/plans", "/plans/{planId}", "/plans/{planId}/issue", "/plans/{planId}/amendments", "/plans/{planId}/revocation", "/units", "/units/{code}", "/units/imports", "/indicators"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("catalogue")
    void aBadRequestIsRefusedWithAProblemAndChangesNothing(Row row) {
        Row withToken = new Row(row.name(), row.method(), row.path(), row.headers().with("Authorization",
                FittingTokens.bearerFor(row.method(), row.path(), row.body())), row.body(), row.status(), row.kind(),
                row.field());
        BadInputCatalogue.assertRefused(base(), withToken, this::state, () -> {
            HttpResponse<String> still = read("/plans");
            assertThat(still.statusCode()).as("the service still answers: %s", still.body()).isEqualTo(200);
        });
    }

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MongoTemplate mongo;

    /** A valid new plan of province 30 (id KH-30-2024-999, programme CAT-NEW-ANNUAL), the base of the bad ones. */
    private static String plan() {
        return planBody("999/KH-UBND", "CAT-NEW-ANNUAL");
    }

    /** The body of the draft the set-up creates (id KH-30-2024-CAT, programme CAT-GDNN-ANNUAL). */
    private static String draft() {
        return planBody("CAT/KH-UBND", "CAT-GDNN-ANNUAL");
    }

    private static String planBody(String number, String programme) {
        return """
                {"number":"%s","title":"Kế hoạch thực hiện Chỉ thị 21-CT/TW","issuerUnitCode":"30",\
                "issueDate":"2024-01-15","basis":["21-CT/TW"],"horizonStart":2024,"horizonEnd":2025,\
                "targets":[{"indicator":"GDNN_INTAKE_RATE","year":2030,"comparator":"RANGE","value":50,"upper":55}],\
                "tasks":[{"number":"1","title":"Tuyên truyền","leadUnit":"30","cooperatingUnits":[]}],\
                "programme":{"code":"%s","title":"Báo cáo năm","frequency":"ANNUAL",\
                "indicators":["GDNN_INTAKE_RATE","GDNN_NEW_ENROLMENT"],\
                "outline":["results","shortcomings","difficulties","proposals"],\
                "deadlines":{"COMMUNE":"12-05","DISTRICT":"12-10","PROVINCE":"12-15","MINISTRY":"12-25"}},\
                "reportingUnits":["10813","10816","10507"]}""".formatted(number, programme);
    }

    /** A new plan, {@link #plan()} with {@code from} replaced by {@code to}, refused as malformed naming {@code field}. */
    private static Row malformedPlan(String name, String from, String to, String field) {
        return row("plan: " + name, "POST", "/plans", JSON, plan().replace(from, to), 400, MALFORMED, field);
    }

    private static String agency(String parent) {
        return "{\"name\":\"Sở Catalogue\",\"type\":\"Sở\",\"parentCode\":\"" + parent + "\"}";
    }

    private static String agency(String parent, String predecessors) {
        return agency(parent).replace("}", ",\"predecessors\":" + predecessors + "}");
    }

    private static String indicator() {
        return "{\"code\":\"CAT_DROPOUT_RATE\",\"name\":\"Tỷ lệ người học bỏ học\",\"unitOfMeasure\":\"%\","
                + "\"kind\":\"RATIO\",\"numeratorLabel\":\"Số người học bỏ học\",\"denominatorLabel\":\"Số người học\"}";
    }

    /** A well-formed plan of about 1.1 MB, over plan-service's 1 MB limit. */
    private static String big() {
        return plan().replace("\"title\":\"Kế hoạch", "\"title\":\"" + "x".repeat(1_100 * 1024));
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    @BeforeEach
    void aDraftBesideTheDemoPlans() {
        if (broker.getBrokersAsString().equals(preparedOn)) {
            return;
        }
        if (read(DRAFT).statusCode() == 404) {
            HttpResponse<String> created = BadInputCatalogue.send(base(), "POST", "/plans",
                    JSON.with("Authorization", FittingTokens.bearerFor("POST", "/plans", draft())), draft());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        // the demo's events are acknowledged and nothing else is moving before the first row is sent
        BadInputCatalogue.awaitQuiet(this::state, Duration.ofSeconds(120));
        preparedOn = broker.getBrokersAsString();
    }

    /** Every collection of the service's database (count and content) and the end offsets of its two topics. */
    private Map<String, String> state() {
        return BadInputCatalogue.state(mongo, broker.getBrokersAsString(), Topics.UNITS, Topics.PLANS);
    }

    private HttpResponse<String> read(String path) {
        return BadInputCatalogue.send(base(), "GET", path, NONE.with("Authorization",
                FittingTokens.bearerFor("GET", path, null)), null);
    }

    private URI base() {
        return BadInputCatalogue.local(port);
    }
}
