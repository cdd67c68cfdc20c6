package dev.cascade.aggregation;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestClock;
import dev.cascade.platform.test.TestIssuer;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.MutableClock;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.test.BadInputCatalogue;
import dev.cascade.platform.test.OpenApiDocuments;
import dev.cascade.platform.test.BadInputCatalogue.Headers;
import dev.cascade.platform.test.BadInputCatalogue.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.cascade.platform.test.BadInputCatalogue.JSON;
import static dev.cascade.platform.test.BadInputCatalogue.MALFORMED;
import static dev.cascade.platform.test.BadInputCatalogue.METHOD;
import static dev.cascade.platform.test.BadInputCatalogue.NONE;
import static dev.cascade.platform.test.BadInputCatalogue.NOT_FOUND;
import static dev.cascade.platform.test.BadInputCatalogue.TOO_LARGE;
import static dev.cascade.platform.test.BadInputCatalogue.row;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input catalogue of aggregation-service, whose HTTP API is read-only: one table of refused requests to its
 * query endpoints (aggregate, missing units, series, feed) with bad path variables and parameters, every method they
 * do not have, bodies over the limit and unknown paths. The service starts as {@link RestatementFlowIT} starts it
 * (embedded KRaft broker, the embedded MongoDB-wire server, a test clock), on a real port and its own database, with
 * a few units and one plan consumed from the topics. Every row is sent and its answer checked by the shared
 * {@link BadInputCatalogue}: its status, an {@code application/problem+json} body of its {@code type} naming its
 * field (when it has one), without Java names and without echoing a large input; nothing may be stored or published,
 * and the service must still answer. Every row carries the ministry analyst's token, so that what is refused is the
 * input, not the caller (the callers are the authorization matrix's, {@link AuthorizationMatrixIT}).
 */
@AggregationServiceOnPort
@TestPropertySource(properties = "spring.mongodb.database=cascade-aggregation-catalogue-test")
class BadInputCatalogueIT {

    @TestClock
    static final MutableClock CLOCK = MutableClock.at("2024-12-04T09:15:01+07:00");

    private static final String PROGRAMME = "CAT-ANNUAL";
    /** {@code Authorization} of the ministry's analyst (VIEWER of BGDDT). */
    private static final String MINISTRY = TestIssuer.shared().bearer("viewer-BGDDT", "BGDDT", Role.VIEWER);
    /** The district roll-up: one reporter expected beneath it, nothing reported yet (answered 200). */
    private static final String DISTRICT = "/aggregates/" + PROGRAMME + "/2024/294";
    private static final LocalDate LAST_OLD_DAY = LocalDate.of(2025, 6, 30);
    private static final LocalDate FIRST_NEW_DAY = LocalDate.of(2025, 7, 1);

    /** The broker the set-up was done on (one per application context). */
    private static String preparedOn;

    /** The table: name, method, path, headers, body, status, problem kind, field named (null: none). */
    static Stream<Row> catalogue() {
        return Stream.of(
                // GET /aggregates/{programme}/{period}/{unitCode}
                row("aggregate: programme with the key's separator", "GET", "/aggregates/CAT%7CANNUAL/2024/294",
                        NONE, null, 400, MALFORMED, "programme"),
                row("aggregate: blank programme", "GET", "/aggregates/%20/2024/294", NONE, null, 400, MALFORMED,
                        "programme"),
                row("missing: unit with the key's separator", "GET", "/aggregates/" + PROGRAMME + "/2024/29%7C4/missing",
                        NONE, null, 400, MALFORMED, "unitCode"),
                row("aggregate: period with the key's separator, restated", "GET",
                        "/aggregates/" + PROGRAMME + "/20%7C24/294?restate=true", NONE, null, 400, MALFORMED, "period"),
                row("aggregate: unknown programme", "GET", "/aggregates/NOPE/2024/294", NONE, null, 404, NOT_FOUND,
                        "unitCode"),
                row("aggregate: unknown period", "GET", "/aggregates/" + PROGRAMME + "/2019/294", NONE, null, 404,
                        NOT_FOUND, "unitCode"),
                row("aggregate: period in another form", "GET", "/aggregates/" + PROGRAMME + "/2024-Q1/294", NONE,
                        null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: unknown unit", "GET", "/aggregates/" + PROGRAMME + "/2024/99999", NONE, null, 404,
                        NOT_FOUND, "unitCode"),
                row("aggregate: a unit with no reporter beneath", "GET", "/aggregates/" + PROGRAMME + "/2024/10900",
                        NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: 5,000-character programme", "GET", "/aggregates/" + "P".repeat(5_000) + "/2024/294",
                        NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: 5,000-character period", "GET", "/aggregates/" + PROGRAMME + "/" + "9".repeat(5_000)
                        + "/294", NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: 5,000-character unit", "GET", "/aggregates/" + PROGRAMME + "/2024/"
                        + "8".repeat(5_000), NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: restate=yes", "GET", DISTRICT + "?restate=yes", NONE, null, 400, MALFORMED,
                        "restate"),
                row("aggregate: restate=1", "GET", DISTRICT + "?restate=1", NONE, null, 400, MALFORMED, "restate"),
                row("aggregate: restate given twice", "GET", DISTRICT + "?restate=true&restate=false", NONE, null,
                        400, MALFORMED, "restate"),
                row("aggregate: restate of 3,000 characters", "GET", DISTRICT + "?restate=" + "t".repeat(3_000),
                        NONE, null, 400, MALFORMED, "restate"),
                row("aggregate: restate an unknown unit", "GET", "/aggregates/" + PROGRAMME + "/2024/99999?restate=true",
                        NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: restate with nothing to restate", "GET", "/aggregates/" + PROGRAMME
                        + "/2024/10900?restate=TRUE", NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: restate an unknown period", "GET", "/aggregates/" + PROGRAMME
                        + "/2019/10900?restate=true", NONE, null, 404, NOT_FOUND, "unitCode"),
                row("aggregate: restate an unknown programme", "GET", "/aggregates/NOPE/2024/294?restate=true", NONE,
                        null, 404, NOT_FOUND, "unitCode"),

                // GET .../missing and .../series
                row("missing: unknown period", "GET", "/aggregates/" + PROGRAMME + "/2019/294/missing", NONE, null,
                        404, NOT_FOUND, "unitCode"),
                row("missing: unknown programme", "GET", "/aggregates/NOPE/2024/294/missing", NONE, null, 404,
                        NOT_FOUND, "unitCode"),
                row("missing: 5,000-character period", "GET", "/aggregates/" + PROGRAMME + "/" + "9".repeat(5_000)
                        + "/294/missing", NONE, null, 404, NOT_FOUND, "unitCode"),
                row("series: restate=maybe", "GET", "/aggregates/" + PROGRAMME + "/series/294?restate=maybe", NONE,
                        null, 400, MALFORMED, "restate"),
                row("series: restate of an unknown unit", "GET", "/aggregates/" + PROGRAMME
                        + "/series/99999?restate=true", NONE, null, 404, NOT_FOUND, "unitCode"),
                row("series: restate of a 5,000-character unit", "GET", "/aggregates/" + PROGRAMME + "/series/"
                        + "8".repeat(5_000) + "?restate=true", NONE, null, 404, NOT_FOUND, "unitCode"),

                // methods: the API is read-only
                row("POST an aggregate", "POST", DISTRICT, JSON, "{}", 405, METHOD, null),
                row("PUT an aggregate", "PUT", DISTRICT, JSON, "{\"values\":{}}", 405, METHOD, null),
                row("DELETE an aggregate", "DELETE", DISTRICT, NONE, null, 405, METHOD, null),
                row("PATCH an aggregate", "PATCH", DISTRICT, JSON, "{}", 405, METHOD, null),
                row("POST the missing units", "POST", DISTRICT + "/missing", JSON, "[]", 405, METHOD, null),
                row("DELETE the missing units", "DELETE", DISTRICT + "/missing", NONE, null, 405, METHOD, null),
                row("PUT a series", "PUT", "/aggregates/" + PROGRAMME + "/series/294", JSON, "[]", 405, METHOD, null),
                row("DELETE a series", "DELETE", "/aggregates/" + PROGRAMME + "/series/294", NONE, null, 405, METHOD,
                        null),
                row("POST to a feed", "POST", DISTRICT + "/feed", JSON, "{}", 405, METHOD, null),
                row("DELETE a feed", "DELETE", DISTRICT + "/feed", NONE, null, 405, METHOD, null),
                row("TRACE an aggregate", "TRACE", DISTRICT, NONE, null, 405, METHOD, null),
                row("GET a feed as JSON", "GET", DISTRICT + "/feed", Headers.of("Accept", "application/json"), null,
                        406, "not-acceptable", null),
                row("aggregate: unknown unit, asking for HTML", "GET", "/aggregates/" + PROGRAMME + "/2024/99999",
                        Headers.of("Accept", "text/html"), null, 404, NOT_FOUND, "unitCode"),

                // bodies over the limit (refused before anything reads them)
                row("POST an aggregate: 300 KB declared", "POST", DISTRICT, JSON, big(), 413, TOO_LARGE, "body"),
                row("POST an aggregate: 300 KB chunked", "POST", DISTRICT, JSON.streamed(), big(), 413, TOO_LARGE,
                        "body"),
                row("PUT an aggregate: 300 KB declared", "PUT", DISTRICT, JSON, big(), 413, TOO_LARGE, "body"),
                row("PUT an aggregate: 300 KB chunked", "PUT", DISTRICT, JSON.streamed(), big(), 413, TOO_LARGE,
                        "body"),
                row("POST the missing units: 300 KB chunked", "POST", DISTRICT + "/missing", JSON.streamed(), big(),
                        413, TOO_LARGE, "body"),
                row("POST an unknown path: 300 KB declared", "POST", "/nowhere", JSON, big(), 413, TOO_LARGE, "body"),

                // unknown paths and malformed ones
                row("GET /aggregates", "GET", "/aggregates", NONE, null, 404, NOT_FOUND, null),
                row("GET a programme", "GET", "/aggregates/" + PROGRAMME, NONE, null, 404, NOT_FOUND, null),
                row("GET a period", "GET", "/aggregates/" + PROGRAMME + "/2024", NONE, null, 404, NOT_FOUND, null),
                row("GET a series without a unit", "GET", "/aggregates/" + PROGRAMME + "/series", NONE, null, 404,
                        NOT_FOUND, null),
                row("GET below an aggregate", "GET", DISTRICT + "/children", NONE, null, 404, NOT_FOUND, null),
                row("GET below the missing units", "GET", DISTRICT + "/missing/10813", NONE, null, 404, NOT_FOUND,
                        null),
                row("GET an unknown path", "GET", "/nowhere", NONE, null, 404, NOT_FOUND, null),
                row("GET with an encoded slash", "GET", "/aggregates/" + PROGRAMME + "/2024/30%2F294", NONE, null,
                        400, MALFORMED, null))
                .map(BadInputCatalogueIT::authorized);
    }

    /** Every row is sent with the ministry analyst's token (who may read every unit): what is refused is the input. */
    private static Row authorized(Row row) {
        return new Row(row.name(), row.method(), row.path(), row.headers().with("Authorization", MINISTRY),
                row.body(), row.status(), row.kind(), row.field());
    }

    /** A GET of {@code path} with the ministry analyst's token. */
    private static java.net.http.HttpResponse<String> get(URI base, String path) {
        return BadInputCatalogue.send(base, "GET", path, Headers.of("Authorization", MINISTRY), null);
    }

    /** The OpenAPI document is valid, lists the endpoints with their problem responses, and is written for CI's lint. */
    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsProblemResponses() {
        OpenApiDocuments.checkAndWrite(java.net.URI.create("http://localhost:" + port), "aggregation-service", java.util.List.of("/aggregates/{programme}/{period}/{unitCode}", "/aggregates/{programme}/{period}/{unitCode}/missing", "/aggregates/{programme}/series/{unitCode}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("catalogue")
    void aBadRequestIsRefusedWithAProblemAndChangesNothing(Row row) {
        BadInputCatalogue.assertRefused(base(), row, this::state, () -> {
            var still = get(base(), DISTRICT);
            org.assertj.core.api.Assertions.assertThat(still.statusCode()).as("the service still answers: %s",
                    still.body()).isEqualTo(200);
        });
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;
    @LocalServerPort
    int port;

    /** A JSON body of about 300 KB, over the 256 KB limit. */
    private static String big() {
        return "{\"values\":\"" + "x".repeat(300 * 1024) + "\"}";
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    @BeforeEach
    void unitsAndAPlanConsumed() {
        if (broker.getBrokersAsString().equals(preparedOn)) {
            return;
        }
        try (KafkaTopicProbe kafka = new KafkaTopicProbe(broker.getBrokersAsString(), List.of(Topics.AGGREGATES))) {
            sendUnit(kafka, new UnitUpserted("BGDDT", List.of(
                    new UnitPlacement("2025-03", null, LAST_OLD_DAY, "Bộ Giáo dục và Đào tạo", "Bộ",
                            UnitLevel.MINISTRY, null),
                    new UnitPlacement("2025-07", FIRST_NEW_DAY, null, "Bộ Giáo dục và Đào tạo", "Bộ",
                            UnitLevel.MINISTRY, null)), 1));
            sendUnit(kafka, old("30", "Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"));
            sendUnit(kafka, old("294", "Huyện Thanh Hà", UnitLevel.DISTRICT, "30"));
            sendUnit(kafka, old("10813", "Thị trấn Thanh Hà", UnitLevel.COMMUNE, "294"));
            // a post-reform commune whose only predecessor has neither figures nor expected reporters
            sendUnit(kafka, new UnitUpserted("10900", List.of(
                    new UnitPlacement("2025-03", null, LAST_OLD_DAY, "Xã Cũ", "Xã", UnitLevel.COMMUNE, "294"),
                    new UnitPlacement("2025-07", FIRST_NEW_DAY, null, "Xã Mới", "Xã", UnitLevel.COMMUNE, "BGDDT")),
                    2, List.of(new UnitPredecessor("10901", PredecessorKind.FULL))));
            kafka.send(Topics.PLANS, "KH-294-2024-CAT", EventTypes.PLAN_ISSUED, json.writeValueAsBytes(plan()));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(base(), DISTRICT).statusCode() == 200
                        && get(base(), "/aggregates/" + PROGRAMME + "/2024/10900?restate=true")
                        .body().contains("Nothing to restate"));
        // nothing else is moving before the first row is sent
        BadInputCatalogue.awaitQuiet(this::state, Duration.ofSeconds(60));
        preparedOn = broker.getBrokersAsString();
    }

    /** Every collection of the service's database (count and content) and the end offsets of what it publishes. */
    private Map<String, String> state() {
        return BadInputCatalogue.state(mongo, broker.getBrokersAsString(), Topics.AGGREGATES, Topics.ROLLUP);
    }

    private URI base() {
        return BadInputCatalogue.local(port);
    }

    private void sendUnit(KafkaTopicProbe kafka, UnitUpserted unit) {
        kafka.send(Topics.UNITS, unit.code(), EventTypes.UNIT_UPSERTED, json.writeValueAsBytes(unit));
    }

    /** A unit of the 2025-03 list only (it ended on 30 June 2025). */
    private static UnitUpserted old(String code, String name, UnitLevel level, String parent) {
        return new UnitUpserted(code, List.of(new UnitPlacement("2025-03", null, LAST_OLD_DAY, name, level.name(),
                level, parent)), 1);
    }

    /** District 294's plan: programme CAT-ANNUAL, period 2024 (cut-off 15/12/2023 – 14/12/2024), commune 10813. */
    private static PlanIssued plan() {
        return EnrolmentPlans.annual("KH-294-2024-CAT", "CAT/KH-UBND", "Kế hoạch của danh mục", "294", PROGRAMME,
                List.of("10813"), 2024);
    }
}
