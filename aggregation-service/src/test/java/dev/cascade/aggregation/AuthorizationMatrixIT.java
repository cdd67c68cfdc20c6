package dev.cascade.aggregation;

import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.MutableClock;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.PlanIssued;
import dev.cascade.contracts.events.PredecessorKind;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitPredecessor;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestClock;
import dev.cascade.platform.test.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization matrix of aggregation-service, generated from ONE table ({@link #TABLE}): every endpoint of the
 * query API (aggregate, missing units, series, feed) × every caller of the table → the expected status, over real
 * HTTP with real tokens of the test issuer (or none, expired, from another issuer, tampered with). The service runs
 * as in production (embedded KRaft broker, the embedded MongoDB-wire server) on a clock set to 3 December 2026, after
 * the 2025 reform, with units of both hierarchies and a plan with a pre-reform period (2024, cut-off end 14 December
 * 2024) and a post-reform one (2025, cut-off end 14 December 2025):
 * <pre>
 * until 30 June 2025 (2025-03):  BGDDT › 30 › 294 › 10813;  BGDDT › 30 › 288 › 10507;  BGDDT › 01 › 001 › 00004;  BGDDT › 31
 * from 1 July 2025 (2025-07):    BGDDT › 31 › {10813, 10507};  BGDDT › 01 › 00004     (31 = 30 + 31; districts abolished)
 * </pre>
 * The reporting units are 10813, 10507 and 00004; nothing has been reported, so a unit with reporters beneath answers
 * 200 with 0 received, and a commune (which has no roll-up of its own) answers 404 to whoever may read it. Each 200
 * is checked for the unit's content, each refusal for its problem document (401 with a Bearer challenge, 403 naming
 * the rule). The table is rendered in the service's README ({@code AuthorizationMatrixIT.render()} prints it).
 */
@AggregationServiceOnPort
@TestPropertySource(properties = {
        "spring.mongodb.database=cascade-aggregation-matrix-test",
        "cascade.aggregation.feed.heartbeat=PT0.5S"})
class AuthorizationMatrixIT {

    @TestClock
    static final MutableClock CLOCK = MutableClock.at("2026-12-03T09:00:00+07:00");

    static final String PROGRAMME = "MX-ANNUAL";
    static final LocalDate LAST_OLD_DAY = LocalDate.of(2025, 6, 30);
    static final LocalDate FIRST_NEW_DAY = LocalDate.of(2025, 7, 1);
    static final TestIssuer ISSUER = TestIssuer.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The endpoints, each with its path for a unit and period. */
    enum Endpoint {
        AGGREGATE("GET /aggregates/{programme}/{period}/{unitCode}"),
        MISSING("GET …/{unitCode}/missing"),
        SERIES("GET /aggregates/{programme}/series/{unitCode}"),
        FEED("GET …/{unitCode}/feed (SSE)");

        final String title;

        Endpoint(String title) {
            this.title = title;
        }

        String path(String unit, String period) {
            return switch (this) {
                case AGGREGATE -> "/aggregates/" + PROGRAMME + "/" + period + "/" + unit;
                case MISSING -> "/aggregates/" + PROGRAMME + "/" + period + "/" + unit + "/missing";
                case SERIES -> "/aggregates/" + PROGRAMME + "/series/" + unit;
                case FEED -> "/aggregates/" + PROGRAMME + "/" + period + "/" + unit + "/feed";
            };
        }
    }

    /**
     * One row of the table: who asks (as the README names them), with which token, for which unit and period, and the
     * status of each endpoint in the order of {@link Endpoint}.
     */
    record Caller(String who, String token, Supplier<String> authorization, String unit, String period,
                  int... statuses) {
        int status(Endpoint endpoint) {
            return statuses[endpoint.ordinal()];
        }
    }

    static Caller as(String who, String subject, String unit, Role role, String target, String period,
                     int... statuses) {
        return new Caller(who, role + " of " + unit, () -> ISSUER.bearer(subject, unit, role), target, period,
                statuses);
    }

    static Caller bad(String who, String token, Supplier<String> authorization, String target, String period) {
        return new Caller(who, token, authorization, target, period, 401, 401, 401, 401);
    }

    static int[] all(int status) {
        return new int[] {status, status, status, status};
    }

    static final int[] OK = all(200);
    static final int[] FORBIDDEN = all(403);
    /** Allowed to read a commune: it has no roll-up of its own (404), its missing units, series and feed are 200. */
    static final int[] COMMUNE = {404, 200, 200, 200};
    /** Not allowed on the period's tree, but the series is: it holds only the periods of the tree that allows it. */
    static final int[] OTHER_TREE = {403, 403, 200, 403};

    /**
     * The tokens refused whoever they name, for {@code target} in {@code period}: none, one of {@code subject} (the
     * {@code role} of {@code unit}) that expired or comes from another issuer, and one of commune 10813's reporter
     * whose unit claim was changed to the target.
     */
    static List<Caller> refusedTokens(String subject, String unit, Role role, String target, String period) {
        String whose = role + " of " + unit;
        return List.of(
                bad("no token", "none", () -> null, target, period),
                bad("expired token", whose + ", expired 10 min ago",
                        () -> "Bearer " + ISSUER.expiredToken(subject, unit, role), target, period),
                bad("token from another issuer", whose + ", foreign issuer and key",
                        () -> "Bearer " + ISSUER.foreignToken(subject, unit, role), target, period),
                bad("tampered signature", "REPORTER of 10813, unit claim changed to " + target,
                        () -> "Bearer " + ISSUER.tamperedToken("reporter-10813", "10813", target, Role.REPORTER),
                        target, period));
    }

    /** THE table. */
    static final List<Caller> TABLE = Stream.of(List.of(
            // district 294, period 2024: judged on the pre-reform tree BGDDT › 30 › 294 › 10813
            as("reporter of the unit", "reporter-294", "294", Role.REPORTER, "294", "2024", OK),
            as("reporter of a child (commune 10813)", "reporter-10813", "10813", Role.REPORTER, "294", "2024",
                    FORBIDDEN),
            as("viewer of the parent (province 30)", "viewer-30", "30", Role.VIEWER, "294", "2024", OK),
            as("viewer of the ministry", "viewer-BGDDT", "BGDDT", Role.VIEWER, "294", "2024", OK),
            as("reviewer of the parent (province 30)", "reviewer-30", "30", Role.REVIEWER, "294", "2024", OK),
            as("reviewer of the grandparent (the ministry)", "reviewer-BGDDT", "BGDDT", Role.REVIEWER, "294", "2024",
                    OK),
            as("viewer of a sibling (district 288)", "viewer-288", "288", Role.VIEWER, "294", "2024", FORBIDDEN),
            as("viewer of another province (01)", "viewer-01", "01", Role.VIEWER, "294", "2024", FORBIDDEN),
            as("planner of the province (30)", "planner-30", "30", Role.PLANNER, "294", "2024", FORBIDDEN)),
            refusedTokens("viewer-BGDDT", "BGDDT", Role.VIEWER, "294", "2024"),
            List.of(as("viewer of the unit, merged away since (294 abolished 2025-07-01)", "viewer-294", "294",
                    Role.VIEWER, "294", "2024", OK),

            // province 31, period 2025: judged on the post-reform tree BGDDT › 31 › {10813, 10507}
            as("reporter of the unit", "reporter-31", "31", Role.REPORTER, "31", "2025", OK),
            as("reporter of a child (commune 10813)", "reporter-10813", "10813", Role.REPORTER, "31", "2025",
                    FORBIDDEN),
            as("viewer of the parent (the ministry)", "viewer-BGDDT", "BGDDT", Role.VIEWER, "31", "2025", OK),
            as("reviewer of the parent (the ministry)", "reviewer-BGDDT", "BGDDT", Role.REVIEWER, "31", "2025", OK),
            as("viewer of another province (01)", "viewer-01", "01", Role.VIEWER, "31", "2025", FORBIDDEN),
            as("planner of the unit itself (own unit: any role reads)", "planner-31", "31", Role.PLANNER, "31",
                    "2025", OK),
            as("viewer of a province merged away into it (30)", "viewer-30", "30", Role.VIEWER, "31", "2025",
                    FORBIDDEN),
            as("reviewer of a district merged away (294)", "reviewer-294", "294", Role.REVIEWER, "31", "2025",
                    FORBIDDEN)),
            refusedTokens("reporter-31", "31", Role.REPORTER, "31", "2025"),

            // commune 10813: under district 294 for 2024, under province 31 for 2025
            List.of(as("reviewer of its district (294), pre-reform period", "reviewer-294", "294", Role.REVIEWER,
                    "10813", "2024", COMMUNE),
            as("reviewer of its district (294, merged away), post-reform period", "reviewer-294", "294",
                    Role.REVIEWER, "10813", "2025", OTHER_TREE),
            as("viewer of its province after the reform (31), post-reform period", "viewer-31", "31", Role.VIEWER,
                    "10813", "2025", COMMUNE),
            as("viewer of province 31, pre-reform period (10813 was in 30)", "viewer-31", "31", Role.VIEWER, "10813",
                    "2024", OTHER_TREE),
            as("reporter of the unit, post-reform period", "reporter-10813", "10813", Role.REPORTER, "10813", "2025",
                    COMMUNE),
            as("reporter of the unit, pre-reform period", "reporter-10813", "10813", Role.REPORTER, "10813", "2024",
                    COMMUNE),
            as("viewer of a sibling commune (10507)", "viewer-10507", "10507", Role.VIEWER, "10813", "2025",
                    FORBIDDEN),
            as("planner of its province (31): no read beneath", "planner-31", "31", Role.PLANNER, "10813", "2025",
                    FORBIDDEN),
            as("viewer of the ministry, pre-reform period", "viewer-BGDDT", "BGDDT", Role.VIEWER, "10813", "2024",
                    COMMUNE),
            as("reviewer of its old province (30, merged away), pre-reform period", "reviewer-30", "30",
                    Role.REVIEWER, "10813", "2024", COMMUNE))).flatMap(List::stream).toList();

    record Case(Caller caller, Endpoint endpoint) {
        @Override
        public String toString() {
            return endpoint + " " + caller.unit() + " " + caller.period() + " · " + caller.who() + " → "
                    + caller.status(endpoint);
        }
    }

    /** Every endpoint × every row of the table. */
    static Stream<Case> matrix() {
        return TABLE.stream().flatMap(caller -> Arrays.stream(Endpoint.values()).map(e -> new Case(caller, e)));
    }

    /** The table as the README shows it. */
    static String render() {
        StringBuilder out = new StringBuilder("| unit | period | caller | token | aggregate | missing | series | feed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Caller c : TABLE) {
            out.append("| ").append(c.unit()).append(" | ").append(c.period()).append(" | ").append(c.who())
                    .append(" | ").append(c.token()).append(" | ")
                    .append(Arrays.stream(c.statuses()).mapToObj(String::valueOf).collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    /** The broker the set-up was done on (one per application context). */
    private static String preparedOn;

    @Test
    void theTableHasEnoughCases() {
        assertThat(matrix().count()).isEqualTo(TABLE.size() * 4L).isGreaterThanOrEqualTo(75);
        System.out.println(render());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("matrix")
    void everyEndpointAnswersEveryCallerAsTheTableSays(Case c) throws Exception {
        Caller caller = c.caller();
        int expected = caller.status(c.endpoint());
        String path = c.endpoint().path(caller.unit(), caller.period());
        if (c.endpoint() == Endpoint.FEED) {
            feed(path, caller.authorization().get(), expected);
            return;
        }
        HttpResponse<String> response = send(path, caller.authorization().get());
        assertThat(response.statusCode()).as("%s: %s", c, response.body()).isEqualTo(expected);
        if (expected == 200) {
            JsonNode body = JSON.readTree(response.body());
            switch (c.endpoint()) {
                case AGGREGATE -> {
                    assertThat(body.path("unitCode").asString()).isEqualTo(caller.unit());
                    assertThat(body.path("period").asString()).isEqualTo(caller.period());
                    assertThat(body.path("completeness").path("expected").asInt()).isPositive();
                }
                case MISSING -> assertThat(body.path("aggregateKey").asString())
                        .isEqualTo(PROGRAMME + "|" + caller.period() + "|" + caller.unit());
                default -> assertThat(body.isArray()).isTrue();
            }
        } else {
            assertProblem(response.statusCode(), response.headers(), response.body(), caller.unit());
        }
    }

    /** GET /audit is platform's: an ancestor reads the unit's (empty: nothing changes here) trail, a sibling may not. */
    @Test
    void theAuditTrailIsEmptyForAnAncestorAndRefusedToASibling() throws Exception {
        HttpResponse<String> ancestor = send("/audit?unit=10813", ISSUER.bearer("viewer-31", "31", Role.VIEWER));
        assertThat(ancestor.statusCode()).as(ancestor.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(ancestor.body());
        assertThat(page.path("unit").asString()).isEqualTo("10813");
        assertThat(page.path("entries").isArray()).isTrue();
        assertThat(page.path("entries").size()).isZero();
        assertThat(page.path("hasMore").asBoolean()).isFalse();
        // before the reform the commune's ancestor was district 294 (a trail up to 31 Dec 2024)
        HttpResponse<String> district = send("/audit?unit=10813&from=2024-01-01&to=2024-12-31",
                ISSUER.bearer("reviewer-294", "294", Role.REVIEWER));
        assertThat(district.statusCode()).as(district.body()).isEqualTo(200);
        assertThat(JSON.readTree(district.body()).path("entries").size()).isZero();

        HttpResponse<String> sibling = send("/audit?unit=10813", ISSUER.bearer("viewer-10507", "10507",
                Role.VIEWER));
        assertThat(sibling.statusCode()).as(sibling.body()).isEqualTo(403);
        assertThat(JSON.readTree(sibling.body()).path("type").asString()).isEqualTo("urn:cascade:problem:forbidden");
    }

    /**
     * Streams whose clients went away without a word give their slots back: the heartbeat's write fails and the
     * stream ends; the gauge of open streams goes back to where it was.
     */
    @Test
    void aFeedWhoseClientWentAwayGivesItsSlotBack() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> openStreams() == 0);
        List<InputStream> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<InputStream> stream = HTTP.send(request(Endpoint.FEED.path("31", "2025"),
                    ISSUER.bearer("viewer-31", "31", Role.VIEWER)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            bodies.add(stream.body());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 3);
        // the heartbeat is a comment line
        byte[] first = bodies.get(0).readNBytes(12);
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith(":keep-alive");
        for (InputStream body : bodies) {
            body.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> openStreams() == 0);
    }

    private double openStreams() {
        return meters.get("cascade.aggregation.feed.streams").gauge().value();
    }

    private void feed(String path, String authorization, int expected) throws Exception {
        HttpRequest.Builder request = request(path, authorization).header("Accept", "text/event-stream");
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as(path).isEqualTo(expected);
            if (expected == 200) {
                assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("text/event-stream");
            } else {
                assertProblem(response.statusCode(), response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), null);
            }
        }
    }

    private static void assertProblem(int status, java.net.http.HttpHeaders headers, String body, String unit) {
        assertThat(headers.firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        switch (status) {
            case 401 -> {
                assertThat(headers.firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
                assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:unauthenticated");
            }
            case 403 -> {
                assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:forbidden");
                assertThat(problem.path("rule").asString()).startsWith("any role of unit ")
                        .endsWith(", or REVIEWER or VIEWER of a unit above it");
            }
            case 404 -> {
                assertThat(problem.path("type").asString()).isEqualTo("urn:cascade:problem:not-found");
                if (unit != null) {
                    assertThat(problem.path("aggregateKey").asString()).endsWith("|" + unit);
                }
            }
            default -> throw new AssertionError("no status " + status + " in the table");
        }
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpResponse<String> send(String path, String authorization) throws Exception {
        return HTTP.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    @BeforeEach
    void unitsAndAPlanConsumed() {
        if (broker.getBrokersAsString().equals(preparedOn)) {
            return;
        }
        try (KafkaTopicProbe kafka = new KafkaTopicProbe(broker.getBrokersAsString(), List.of(Topics.AGGREGATES))) {
            unit(kafka, "BGDDT", both("Bộ Giáo dục và Đào tạo", UnitLevel.MINISTRY, null, null));
            unit(kafka, "30", old("Tỉnh Hải Dương", UnitLevel.PROVINCE, "BGDDT"));
            kafka.send(Topics.UNITS, "31", EventTypes.UNIT_UPSERTED, json.writeValueAsBytes(new UnitUpserted("31",
                    both("Thành phố Hải Phòng", UnitLevel.PROVINCE, "BGDDT", "BGDDT"), 2,
                    List.of(new UnitPredecessor("30", PredecessorKind.FULL),
                            new UnitPredecessor("31", PredecessorKind.FULL)))));
            unit(kafka, "01", both("Thành phố Hà Nội", UnitLevel.PROVINCE, "BGDDT", "BGDDT"));
            unit(kafka, "294", old("Huyện Thanh Hà", UnitLevel.DISTRICT, "30"));
            unit(kafka, "288", old("Thành phố Hải Dương", UnitLevel.DISTRICT, "30"));
            unit(kafka, "001", old("Quận Ba Đình", UnitLevel.DISTRICT, "01"));
            unit(kafka, "10813", both("Xã Thanh Hà", UnitLevel.COMMUNE, "294", "31"));
            unit(kafka, "10507", both("Phường Cẩm Thượng", UnitLevel.COMMUNE, "288", "31"));
            unit(kafka, "00004", both("Phường Ba Đình", UnitLevel.COMMUNE, "001", "01"));
            kafka.send(Topics.PLANS, "KH-BGDDT-MX", EventTypes.PLAN_ISSUED, json.writeValueAsBytes(plan()));
        }
        String ministry = ISSUER.bearer("viewer-BGDDT", "BGDDT", Role.VIEWER);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(Endpoint.AGGREGATE.path("294", "2024"), ministry).statusCode() == 200
                        && send(Endpoint.AGGREGATE.path("31", "2025"), ministry).statusCode() == 200
                        && send(Endpoint.AGGREGATE.path("01", "2025"), ministry).statusCode() == 200);
        preparedOn = broker.getBrokersAsString();
    }

    private void unit(KafkaTopicProbe kafka, String code, List<UnitPlacement> placements) {
        kafka.send(Topics.UNITS, code, EventTypes.UNIT_UPSERTED,
                json.writeValueAsBytes(new UnitUpserted(code, placements, 1)));
    }

    /** A unit of the 2025-03 list only (it ended on 30 June 2025). */
    private static List<UnitPlacement> old(String name, UnitLevel level, String parent) {
        return List.of(new UnitPlacement("2025-03", null, LAST_OLD_DAY, name, level.name(), level, parent));
    }

    /** A unit of both lists, under {@code oldParent} until 30 June 2025 and {@code newParent} from 1 July. */
    private static List<UnitPlacement> both(String name, UnitLevel level, String oldParent, String newParent) {
        return List.of(new UnitPlacement("2025-03", null, LAST_OLD_DAY, name, level.name(), level, oldParent),
                new UnitPlacement("2025-07", FIRST_NEW_DAY, null, name, level.name(), level, newParent));
    }

    /** The ministry's plan: programme MX-ANNUAL, periods 2024 and 2025, communes 10813, 10507 and 00004. */
    private static PlanIssued plan() {
        return EnrolmentPlans.annual("KH-BGDDT-MX", "MX/KH-BGDDT", "Kế hoạch của ma trận", "BGDDT", PROGRAMME,
                List.of("10813", "10507", "00004"), 2024, 2025);
    }
}
