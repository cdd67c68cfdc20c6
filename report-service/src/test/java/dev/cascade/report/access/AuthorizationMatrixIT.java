package dev.cascade.report.access;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.AccessRefusals;
import dev.cascade.platform.test.BadInputCatalogue;
import dev.cascade.platform.test.TestIssuer;
import dev.cascade.report.ReportServiceTestSupport;
import dev.cascade.report.TestData;
import dev.cascade.report.obligation.Obligation;
import dev.cascade.report.obligation.Obligations;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization matrix of report-service, generated from one table ({@link #EXPECTED}): every endpoint × every
 * caller → the status expected, sent over real HTTP with real tokens of the test issuer to the running service.
 * <p>
 * The subject is commune 10813's report for the 2025 annual period (cut-off end 14 December 2025, after the
 * reform): the ministry BGDDT › province 31 › commune 10813 › agency 10813-A › agency 10813-A1; commune 10816 is
 * 10813's sibling, province 01 another province; district 294, 10813's parent until 30 June 2025, was merged away.
 * A caller is a token of the test issuer: REPORTERs of the report's own unit, a child, a grandchild, the parent, a
 * sibling and another province; REVIEWERs of the parent and of the grandparent; VIEWERs of the province and of
 * another province; no token, an expired one, one of another issuer, one whose signature no longer fits, and the
 * REVIEWER of the merged-away district.
 * <p>
 * Where refused: a problem of type unauthenticated (401, with {@code WWW-Authenticate}) or forbidden (403, naming the
 * rule), and nothing changed: the report (versions, status, reviews, withdrawals, outbox), the programme's
 * obligations, the idempotency keys and the audit trail are as they were, and the end offsets of both topics
 * report-service publishes on are the same. Where a write is allowed, it leaves exactly one audit entry. The lists
 * of obligations are never refused to an authenticated caller: they hold what the caller may read (the number is
 * in the table after the status).
 */
class AuthorizationMatrixIT extends ReportServiceTestSupport {

    static final String PROGRAMME = "MATRIX";
    static final String PERIOD = "2025";
    static final String NOW = "2025-12-04T09:00:00+07:00";

    /** The callers, the columns of the table. */
    enum Who {
        OWN_REPORTER("reporter of own unit 10813"),
        CHILD_REPORTER("reporter of a child (10813-A)"),
        GRANDCHILD_REPORTER("reporter of a grandchild (10813-A1)"),
        PARENT_REPORTER("reporter of the parent (31)"),
        SIBLING_REPORTER("reporter of a sibling (10816)"),
        OTHER_PROVINCE_REPORTER("reporter of another province (01)"),
        PARENT_REVIEWER("reviewer of the parent (31)"),
        GRANDPARENT_REVIEWER("reviewer of the grandparent (BGDDT)"),
        PROVINCE_VIEWER("viewer of the province (31)"),
        OTHER_PROVINCE_VIEWER("viewer of another province (01)"),
        NO_TOKEN("no token"),
        EXPIRED("expired token"),
        FOREIGN("token of another issuer"),
        TAMPERED("tampered signature (10816 made 10813)"),
        MERGED_AWAY("reviewer of merged-away district 294");

        final String label;

        Who(String label) {
            this.label = label;
        }

        /** The {@code Authorization} header of this caller, or {@code null} for none. */
        String authorization() {
            TestIssuer issuer = TestIssuer.shared();
            return switch (this) {
                case OWN_REPORTER -> reporter("10813");
                case CHILD_REPORTER -> reporter("10813-A");
                case GRANDCHILD_REPORTER -> reporter("10813-A1");
                case PARENT_REPORTER -> reporter("31");
                case SIBLING_REPORTER -> reporter("10816");
                case OTHER_PROVINCE_REPORTER -> reporter("01");
                case PARENT_REVIEWER -> reviewer("31");
                case GRANDPARENT_REVIEWER -> reviewer("BGDDT");
                case PROVINCE_VIEWER -> viewer("31");
                case OTHER_PROVINCE_VIEWER -> viewer("01");
                case NO_TOKEN -> null;
                case EXPIRED -> "Bearer " + issuer.expiredToken("reporter-10813", "10813", Role.REPORTER);
                case FOREIGN -> "Bearer " + issuer.foreignToken("reporter-10813", "10813", Role.REPORTER);
                case TAMPERED -> "Bearer " + issuer.tamperedToken("reporter-10816", "10816", "10813", Role.REPORTER);
                case MERGED_AWAY -> reviewer("294");
            };
        }
    }

    /** The endpoints, the rows of the table. */
    enum Endpoint {
        SUBMIT("POST /reports (a revision)", true),
        WITHDRAW("POST /reports/{id}/withdrawal", true),
        REVIEW("POST /reports/{id}/review (ACCEPT)", true),
        READ("GET /reports/{id}", false),
        READ_VERSION("GET /reports/{id}/versions/1", false),
        OBLIGATIONS_OF_UNIT("GET /obligations?unit=10813", false),
        OBLIGATIONS_UNDER("GET /obligations?under=31", false);

        final String label;
        final boolean changes;

        Endpoint(String label, boolean changes) {
            this.label = label;
            this.changes = changes;
        }
    }

    /**
     * THE table: for each endpoint, the answer to each caller in the order of {@link Who}. {@code 200:n}: 200 with
     * n obligations of the programme in the list.
     */
    static final Map<Endpoint, String[]> EXPECTED = Map.of(
            //                              own    child  grand  parent sibl.  other  rev.P  rev.GP view.P view.O none exp. for. tamp. merged
            Endpoint.SUBMIT, new String[]{"201", "403", "403", "403", "403", "403", "403", "403", "403", "403",
                    "401", "401", "401", "401", "403"},
            Endpoint.WITHDRAW, new String[]{"200", "403", "403", "403", "403", "403", "403", "403", "403", "403",
                    "401", "401", "401", "401", "403"},
            Endpoint.REVIEW, new String[]{"403", "403", "403", "403", "403", "403", "200", "403", "403", "403",
                    "401", "401", "401", "401", "403"},
            Endpoint.READ, new String[]{"200", "403", "403", "403", "403", "403", "200", "200", "200", "403",
                    "401", "401", "401", "401", "403"},
            Endpoint.READ_VERSION, new String[]{"200", "403", "403", "403", "403", "403", "200", "200", "200", "403",
                    "401", "401", "401", "401", "403"},
            Endpoint.OBLIGATIONS_OF_UNIT, new String[]{"200:1", "200:0", "200:0", "200:0", "200:0", "200:0", "200:1",
                    "200:1", "200:1", "200:0", "401", "401", "401", "401", "200:0"},
            Endpoint.OBLIGATIONS_UNDER, new String[]{"200:1", "200:0", "200:0", "200:0", "200:1", "200:0", "200:2",
                    "200:2", "200:2", "200:0", "401", "401", "401", "401", "200:0"});

    record Case(Endpoint endpoint, Who who, String expected) {
        @Override
        public String toString() {
            return endpoint.label + " × " + who.label + " → " + expected;
        }
    }

    static Stream<Case> matrix() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Who who : Who.values()) {
                cases.add(new Case(endpoint, who, EXPECTED.get(endpoint)[who.ordinal()]));
            }
        }
        return cases.stream();
    }

    private static String reportId;
    private static String preparedOn;

    @BeforeEach
    void aSubmittedReportOfCommune10813For2025() {
        at(NOW);
        if (!broker.getBrokersAsString().equals(preparedOn)) {
            unitsKnown();
            List<UnitUpserted> extra = List.of(
                    unit("01", "Thành phố Hà Nội", UnitLevel.PROVINCE, "BGDDT", null),
                    unit("10813-A", "Trường Tiểu học Thanh Hà", UnitLevel.AGENCY, "10813", TestData.REFORM),
                    unit("10813-A1", "Điểm trường Thanh Xá", UnitLevel.AGENCY, "10813-A", TestData.REFORM));
            extra.forEach(this::publishUnit);
            await().atMost(Duration.ofSeconds(30)).until(() -> extra.stream().allMatch(u ->
                    mongo.getCollection("units").find(new Document("_id", u.code())).first() != null));
            if (obligations.find(Obligation.idOf(PROGRAMME, PERIOD, "10813")).isEmpty()) {
                issueAndAwaitOpen(TestData.plan(PROGRAMME, List.of("10813", "10816"), TestData.annual(2025)), PERIOD);
            }
            Document existing = mongo.getCollection("reports").find(new Document("programme", PROGRAMME)
                    .append("unitCode", "10813")).first();
            if (existing == null) {
                HttpResponse<String> created = post("/reports", revision(), "Authorization", reporter("10813"));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                reportId = parse(created.body()).get("reportId").asString();
            } else {
                reportId = existing.getString("_id");
            }
            preparedOn = broker.getBrokersAsString();
        }
        // every row starts from a submitted report awaiting review, with nothing on its way to the broker
        if (!"SUBMITTED".equals(report().getString("status"))) {
            HttpResponse<String> again = post("/reports", revision(), "Authorization", reporter("10813"));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pending("reports", reportId).isEmpty()
                && pending(Obligations.COLLECTION, Obligation.idOf(PROGRAMME, PERIOD, "10813")).isEmpty());
    }

    @AfterEach
    void backToTheSuitesStart() {
        at(START);
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("matrix")
    void everyEndpointAnswersEveryCallerAsTheTableSaysAndARefusalChangesNothing(Case row) {
        Map<String, String> before = state();
        long auditBefore = mongo.getCollection("audit").countDocuments(new Document("entityId", reportId));

        HttpResponse<String> response = sendAsIs(request(row.endpoint(), row.who().authorization()));

        int status = Integer.parseInt(row.expected().split(":")[0]);
        assertThat(response.statusCode()).as("%s: %s", row, response.body()).isEqualTo(status);
        long auditAfter = mongo.getCollection("audit").countDocuments(new Document("entityId", reportId));
        if (status >= 400) {
            AccessRefusals.assertRefusal(status, response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.body());
            assertThat(response.body()).doesNotContain("\"values\"", "\"reportId\"");
            assertThat(state()).as("nothing stored, nothing published").isEqualTo(before);
            assertThat(auditAfter).as("nothing audited").isEqualTo(auditBefore);
        } else if (row.endpoint().changes) {
            assertThat(auditAfter).as("one audit entry").isEqualTo(auditBefore + 1);
        } else {
            assertThat(auditAfter).as("a read is not a change").isEqualTo(auditBefore);
            assertThat(state()).as("a read changes nothing").isEqualTo(before);
        }
        if (row.expected().contains(":")) {
            long seen = parseList(response.body()).stream()
                    .filter(o -> o.get("programme").asString().equals(PROGRAMME)).count();
            assertThat(seen).as("obligations of %s seen by %s", PROGRAMME, row.who().label)
                    .isEqualTo(Long.parseLong(row.expected().split(":")[1]));
        }
    }

    /** The table, rendered for report-service/README.md (target/authorization-matrix.md). */
    @Test
    void theTableIsRenderedForTheServicePage() throws Exception {
        StringBuilder table = new StringBuilder("| endpoint |");
        for (Who who : Who.values()) {
            table.append(' ').append(who.label).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Who.values().length)).append('\n');
        for (Endpoint endpoint : Endpoint.values()) {
            table.append("| `").append(endpoint.label).append("` |");
            for (String expected : EXPECTED.get(endpoint)) {
                table.append(' ').append(expected).append(" |");
            }
            table.append('\n');
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/authorization-matrix.md"), table);
        assertThat(matrix().count()).isGreaterThanOrEqualTo(90);
        EXPECTED.values().forEach(row -> assertThat(row).hasSize(Who.values().length));
    }

    private HttpRequest request(Endpoint endpoint, String authorization) {
        HttpRequest.Builder request = switch (endpoint) {
            case SUBMIT -> json("/reports", revision());
            case WITHDRAW -> json("/reports/" + reportId + "/withdrawal", "{\"reason\":\"Nộp nhầm kỳ\"}");
            case REVIEW -> json("/reports/" + reportId + "/review", "{\"decision\":\"ACCEPT\"}");
            case READ -> HttpRequest.newBuilder(uri("/reports/" + reportId)).GET();
            case READ_VERSION -> HttpRequest.newBuilder(uri("/reports/" + reportId + "/versions/1")).GET();
            case OBLIGATIONS_OF_UNIT -> HttpRequest.newBuilder(uri("/obligations?unit=10813")).GET();
            case OBLIGATIONS_UNDER -> HttpRequest.newBuilder(uri("/obligations?under=31")).GET();
        };
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.timeout(Duration.ofSeconds(30)).build();
    }

    private HttpRequest.Builder json(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String revision() {
        return TestData.report("10813", PROGRAMME, PERIOD, 120, 200, 35);
    }

    private Document report() {
        return mongo.getCollection("reports").find(new Document("_id", reportId)).first();
    }

    /** What a refusal must not change. */
    private Map<String, String> state() {
        Map<String, String> state = new TreeMap<>();
        state.put("report", report().toJson());
        state.put("obligations", BadInputCatalogue.digest(mongo.getCollection(Obligations.COLLECTION)
                .find(new Document("programme", PROGRAMME)).map(Document::toJson)));
        state.put("idempotency_keys", BadInputCatalogue.digest(mongo.getCollection("idempotency_keys").find()
                .map(Document::toJson)));
        state.put("audit", String.valueOf(mongo.getCollection("audit").countDocuments()));
        BadInputCatalogue.putEndOffsets(state, broker.getBrokersAsString(), Topics.OBLIGATIONS, Topics.REPORTS);
        return state;
    }

    private static UnitUpserted unit(String code, String name, UnitLevel level, String parent, LocalDate from) {
        return new UnitUpserted(code, List.of(new UnitPlacement(from == null ? "2025-03" : "2025-07", from, null,
                name, level.name(), level, parent)), 1);
    }
}
