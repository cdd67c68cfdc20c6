package dev.cascade.plan;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.AccessRefusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.servlet.MvcResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what in plan-service, generated from ONE table ({@link #TABLE}): every endpoint × every caller → the
 * status. The callers act on plans of district 294 issued on 2024-03-01 (the 2025-03 ladder: child commune 10813,
 * parent province 30, sibling district 288, another province 22), except the last two columns: district 294's
 * planner after 294 was abolished on 2025-07-01, and the planner of province 31 (where 294's communes went), both on
 * plans of province 31 issued on 2025-09-15. The service's clock stands on 2025-12-01. Each write case gets fixtures
 * of its own (a draft to revise or issue, an issued plan to amend or revoke), made by a planner of the issuer before
 * the request. Where the answer is a refusal, it is a problem document (401 with a Bearer challenge, 403 naming the
 * rule), and nothing changed: every collection (plans, units, indicators, the audit trail) and the end offsets of the
 * units and plans topics are as before. The table is rendered in plan-service/README.md (checked here).
 */
class AuthorizationMatrixIT extends SecuredServiceTestSupport {

    /** The callers, in the order of the table's columns. */
    static final List<String> CALLERS = List.of("planner-294", "planner-10813", "planner-30", "planner-288", "planner-22", "reviewer-294", "viewer-294", "reporter-294", "admin-294", "admin", "no token", "expired", "foreign", "tampered", "merged 294", "planner-31");

    /** THE table: each endpoint and the status each caller (column) gets. */
    static final Object[][] TABLE = {
            {"POST /plans", 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 201},
            {"PUT /plans/{id}", 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 200},
            {"POST /plans/{id}/issue", 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 200},
            {"POST /plans/{id}/amendments", 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 200},
            {"POST /plans/{id}/revocation", 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 200},
            {"GET /plans", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /plans/{id}", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /units/{issuer}", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /units/{issuer}/children", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /units/{issuer}/subtree", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /units/{issuer}/path", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /units?name=", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"PUT /units/{code}", 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 401, 401, 401, 401, 403, 403},
            {"POST /units/imports", 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 401, 401, 401, 401, 403, 403},
            {"GET /indicators", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"GET /indicators/{code}", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200},
            {"POST /indicators", 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 401, 401, 401, 401, 403, 403},
            {"GET /audit?unit={issuer}", 200, 403, 200, 403, 403, 200, 200, 200, 200, 200, 401, 401, 401, 401, 403, 200},
    };


    /** How each column's caller authenticates, and whose plans it acts on. */
    record Party(String issuer, Supplier<String> authorization) {
    }

    static final Map<String, Party> PARTIES = Map.ofEntries(
            Map.entry("planner-294", new Party("294", () -> bearer("planner-294", "294", Role.PLANNER))),
            Map.entry("planner-10813", new Party("294", () -> bearer("planner-10813", "10813", Role.PLANNER))),
            Map.entry("planner-30", new Party("294", () -> bearer("planner-30", "30", Role.PLANNER))),
            Map.entry("planner-288", new Party("294", () -> bearer("planner-288", "288", Role.PLANNER))),
            Map.entry("planner-22", new Party("294", () -> bearer("planner-22", "22", Role.PLANNER))),
            Map.entry("reviewer-294", new Party("294", () -> bearer("reviewer-294", "294", Role.REVIEWER))),
            Map.entry("viewer-294", new Party("294", () -> bearer("viewer-294", "294", Role.VIEWER))),
            Map.entry("reporter-294", new Party("294", () -> bearer("reporter-294", "294", Role.REPORTER))),
            Map.entry("admin-294", new Party("294", () -> bearer("admin-294", "294", Role.ADMIN))),
            Map.entry("admin", new Party("294", () -> bearer("admin", "BGDDT", Role.ADMIN))),
            Map.entry("no token", new Party("294", () -> null)),
            Map.entry("expired", new Party("294",
                    () -> "Bearer " + ISSUER.expiredToken("planner-294", "294", Role.PLANNER))),
            Map.entry("foreign", new Party("294",
                    () -> "Bearer " + ISSUER.foreignToken("planner-294", "294", Role.PLANNER))),
            Map.entry("tampered", new Party("294",
                    () -> "Bearer " + ISSUER.tamperedToken("planner-288", "288", "294", Role.PLANNER))),
            Map.entry("merged 294", new Party("31", () -> bearer("planner-294", "294", Role.PLANNER))),
            Map.entry("planner-31", new Party("31", () -> bearer("planner-31", "31", Role.PLANNER))));

    private static final AtomicInteger CASES = new AtomicInteger();
    /** An issued plan per issuer, for the reads. */
    private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Object[] row : TABLE) {
            for (int c = 0; c < CALLERS.size(); c++) {
                cases.add(Arguments.of(row[0], CALLERS.get(c), row[c + 1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} as {1}: {2}")
    @MethodSource("cases")
    void theTableSaysWhoMay(String endpoint, String caller, int expected) throws Exception {
        Party party = PARTIES.get(caller);
        String issuer = party.issuer();
        int n = CASES.incrementAndGet();
        String number = "M" + n + "/KH";
        String programme = "MX-" + n;
        String day = issuer.equals("294") ? "2024-03-01" : "2025-09-15";
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String uri;
        String body = null;
        switch (endpoint) {
            case "POST /plans" -> {
                uri = "/plans";
                body = plan(issuer, number, programme, "Kế hoạch " + n);
            }
            case "PUT /plans/{id}" -> {
                uri = "/plans/" + draft(issuer, number, programme);
                body = plan(issuer, number, programme, "Kế hoạch sửa đổi " + n);
            }
            case "POST /plans/{id}/issue" -> uri = "/plans/" + draft(issuer, number, programme) + "/issue";
            case "POST /plans/{id}/amendments" -> {
                uri = "/plans/" + issued(issuer, number, programme) + "/amendments";
                body = plan(issuer, number, programme, "Kế hoạch điều chỉnh " + n);
            }
            case "POST /plans/{id}/revocation" -> {
                uri = "/plans/" + issued(issuer, number, programme) + "/revocation";
                body = "{\"revokedBy\":\"" + n + "/QĐ-UBND\",\"reason\":\"Thay thế\"}";
            }
            case "GET /plans" -> uri = "/plans";
            case "GET /plans/{id}" -> uri = "/plans/" + SHARED.computeIfAbsent(issuer,
                    i -> issued(i, "MS/KH", "MS-" + i));
            case "GET /units/{issuer}" -> uri = "/units/" + issuer + "?asOf=" + day;
            case "GET /units/{issuer}/children" -> uri = "/units/" + issuer + "/children?asOf=" + day;
            case "GET /units/{issuer}/subtree" -> uri = "/units/" + issuer + "/subtree?asOf=" + day;
            case "GET /units/{issuer}/path" -> uri = "/units/" + issuer + "/path?asOf=" + day;
            case "GET /units?name=" -> uri = "/units?name=thanh%20ha&asOf=" + day;
            case "PUT /units/{code}" -> {
                uri = "/units/MX-" + n;
                body = "{\"name\":\"Phòng thử nghiệm " + n + "\",\"type\":\"Phòng\",\"parentCode\":\"" + issuer
                        + "\"}";
            }
            case "POST /units/imports" -> {
                uri = "/units/imports";
                body = "{\"provinces\":\"30\"}";
            }
            case "GET /indicators" -> uri = "/indicators";
            case "GET /indicators/{code}" -> uri = "/indicators/GDNN_INTAKE_RATE";
            case "POST /indicators" -> {
                uri = "/indicators";
                body = "{\"code\":\"MX_" + n + "\",\"name\":\"Chỉ tiêu thử nghiệm " + n
                        + "\",\"unitOfMeasure\":\"người\",\"kind\":\"COUNT\",\"countNature\":\"FLOW\"}";
            }
            // the rules are asked about the period's last day: for 294, its last day before the reform
            case "GET /audit?unit={issuer}" -> uri = "/audit?unit=" + issuer + (issuer.equals("294")
                    ? "&from=2024-01-01&to=2025-06-30" : "&from=2025-07-01&to=2025-12-01");
            default -> throw new IllegalArgumentException("no request for " + endpoint);
        }
        Map<String, String> before = state();

        MvcResult result = send(method, uri, body, party.authorization().get());

        String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as("%s %s as %s: %s", method, uri, caller, answer)
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            AccessRefusals.assertRefusal(expected, result.getResponse().getHeader("WWW-Authenticate"), answer);
            assertThat(state()).as("nothing stored, nothing published, nothing audited").isEqualTo(before);
        }
    }

    @Test
    void theTableHasEveryEndpointAndIsTheOneInTheServicePage() throws IOException {
        assertThat(TABLE.length * CALLERS.size()).isEqualTo(288);
        String rendered = render();
        Path target = Path.of("target", "authorization-matrix.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, rendered);
        assertThat(Files.readString(Path.of("README.md"))).as("README.md holds the table, rendered as in %s",
                target).contains(rendered);
    }

    /** The table as Markdown: a row per endpoint, a column per caller. */
    static String render() {
        StringBuilder md = new StringBuilder("| endpoint | " + String.join(" | ", CALLERS) + " |\n|---|");
        md.append("---|".repeat(CALLERS.size())).append('\n');
        for (Object[] row : TABLE) {
            md.append("| `").append(row[0]).append("` |");
            for (int c = 1; c < row.length; c++) {
                md.append(' ').append(row[c]).append(" |");
            }
            md.append('\n');
        }
        return md.toString().stripTrailing();
    }
}
