package dev.cascade.notification;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.UnitLevel;
import dev.cascade.contracts.events.UnitPlacement;
import dev.cascade.contracts.events.UnitUpserted;
import dev.cascade.notification.inbox.Inbox;
import dev.cascade.notification.inbox.InboxItem;
import dev.cascade.notification.programme.ProgrammeCatalog;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.AccessRefusals;
import dev.cascade.platform.test.BadInputCatalogue;
import dev.cascade.platform.test.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notification-service's authorization matrix, generated from one table ({@link #TABLE}): every endpoint × every
 * kind of caller → the expected status. The units: BGDDT › 30 › 294 › {10813, 10816, 10810 (merged away on
 * 2024-12-01)}; BGDDT › 22 (another province); the programme TH-GDNN-ANNUAL is issued by district 294; the inbox is
 * {@code reporter-10813}'s. Every case is sent with a real token of the test issuer (or none, or a bad one), on the
 * clock of 2 December 2024; where refused (401, 403), the answer is a problem document (403 naming its rule, 401
 * with a Bearer challenge) and nothing changed: every collection (contacts, policies, inbox, audit, …) and the end
 * offset of {@code cascade.notifications.v1} are as before.
 */
class AuthorizationMatrixIT extends NotificationServiceTestSupport {

    static final String UNIT = "10813";
    static final String INBOX_USER = "reporter-10813";
    static final String ITEM = "n-matrix-1";
    static final TestIssuer ISSUER = TestIssuer.shared();

    /** The callers: name, and the Authorization header they send (null: none). */
    record Caller(String name, Supplier<String> authorization) {
    }

    static final List<Caller> CALLERS = List.of(
            new Caller("admin of the unit (admin-10813)", () -> bearer("admin-10813", UNIT, Role.ADMIN)),
            new Caller("admin of the parent (admin-294)", () -> bearer("admin-294", "294", Role.ADMIN)),
            new Caller("admin of the province (admin-30)", () -> bearer("admin-30", "30", Role.ADMIN)),
            new Caller("national admin (admin, BGDDT)", () -> bearer("admin", "BGDDT", Role.ADMIN)),
            new Caller("admin of a sibling (admin-10816)", () -> bearer("admin-10816", "10816", Role.ADMIN)),
            new Caller("admin of another province (admin-22)", () -> bearer("admin-22", "22", Role.ADMIN)),
            new Caller("another reporter of the unit (clerk-10813)", () -> bearer("clerk-10813", UNIT, Role.REPORTER)),
            new Caller("reviewer of the unit (reviewer-10813)", () -> bearer("reviewer-10813", UNIT, Role.REVIEWER)),
            new Caller("viewer of the unit (viewer-10813)", () -> bearer("viewer-10813", UNIT, Role.VIEWER)),
            new Caller("the inbox's own user (reporter-10813)", () -> bearer(INBOX_USER, UNIT, Role.REPORTER)),
            new Caller("another user (reporter-10816)", () -> bearer("reporter-10816", "10816", Role.REPORTER)),
            new Caller("no token", () -> null),
            new Caller("expired token (national admin)", () -> "Bearer " + ISSUER.expiredToken("admin", "BGDDT",
                    Role.ADMIN)),
            new Caller("token of another issuer (national admin)", () -> "Bearer " + ISSUER.foreignToken("admin",
                    "BGDDT", Role.ADMIN)),
            new Caller("tampered signature (admin-10816 claiming 10813)", () -> "Bearer " + ISSUER.tamperedToken(
                    "admin-10816", "10816", UNIT, Role.ADMIN)),
            new Caller("admin of a unit merged away (admin-10810)", () -> bearer("admin-10810", "10810", Role.ADMIN)));

    /** The endpoints: name (as in the README), method, path, body (null: none). */
    record Endpoint(String name, String method, String path, String body) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("PUT /contacts/10813", "PUT", "/contacts/" + UNIT,
                    "{\"emails\":[\"vanthu@thanhha.example\"],\"inboxUsers\":[\"" + INBOX_USER + "\"]}"),
            new Endpoint("GET /contacts/10813", "GET", "/contacts/" + UNIT, null),
            new Endpoint("PUT /policies/TH-GDNN-ANNUAL", "PUT", "/policies/" + ReportingSeason.PROGRAMME,
                    "{\"levels\":{\"COMMUNE\":[\"REMINDER_DUE_TODAY\"]}}"),
            new Endpoint("GET /policies/TH-GDNN-ANNUAL", "GET", "/policies/" + ReportingSeason.PROGRAMME, null),
            new Endpoint("GET /notifications?unit=10813", "GET", "/notifications?unit=" + UNIT, null),
            new Endpoint("GET /inbox/reporter-10813", "GET", "/inbox/" + INBOX_USER, null),
            new Endpoint("POST /inbox/reporter-10813/items/{id}/read", "POST",
                    "/inbox/" + INBOX_USER + "/items/" + ITEM + "/read", null),
            new Endpoint("POST /inbox/reporter-10813/items/{id}/unread", "POST",
                    "/inbox/" + INBOX_USER + "/items/" + ITEM + "/unread", null),
            new Endpoint("GET /inbox/reporter-10813/stream", "GET", "/inbox/" + INBOX_USER + "/stream", null));

    /**
     * THE table: one row per caller (in the order of {@link #CALLERS}), one column per endpoint (in the order of
     * {@link #ENDPOINTS}): contacts PUT, GET; policy PUT, GET; delivery log; inbox list, read, unread, stream.
     */
    static final int[][] TABLE = {
            //  contacts    policy     log  inbox ─────────────────
            {200, 200, 403, 403, 200, 403, 403, 403, 403}, // admin of the unit
            {200, 200, 200, 200, 200, 403, 403, 403, 403}, // admin of the parent (the programme's issuer)
            {200, 200, 200, 200, 200, 403, 403, 403, 403}, // admin of the province
            {200, 200, 200, 200, 200, 403, 403, 403, 403}, // national admin
            {403, 403, 403, 403, 403, 403, 403, 403, 403}, // admin of a sibling
            {403, 403, 403, 403, 403, 403, 403, 403, 403}, // admin of another province
            {403, 403, 403, 403, 200, 403, 403, 403, 403}, // another reporter of the unit
            {403, 403, 403, 403, 200, 403, 403, 403, 403}, // reviewer of the unit
            {403, 403, 403, 403, 200, 403, 403, 403, 403}, // viewer of the unit
            {403, 403, 403, 403, 200, 200, 200, 200, 200}, // the inbox's own user
            {403, 403, 403, 403, 403, 403, 403, 403, 403}, // another user
            {401, 401, 401, 401, 401, 401, 401, 401, 401}, // no token
            {401, 401, 401, 401, 401, 401, 401, 401, 401}, // expired token
            {401, 401, 401, 401, 401, 401, 401, 401, 401}, // token of another issuer
            {401, 401, 401, 401, 401, 401, 401, 401, 401}, // tampered signature
            {403, 403, 403, 403, 403, 403, 403, 403, 403}, // admin of a unit merged away
    };

    @Autowired
    MockMvc mockMvc;
    @Autowired
    ProgrammeCatalog programmes;
    @Autowired
    Inbox inbox;

    static String bearer(String subject, String unit, Role role) {
        return ISSUER.bearer(subject, unit, role);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int c = 0; c < CALLERS.size(); c++) {
            for (int e = 0; e < ENDPOINTS.size(); e++) {
                cases.add(Arguments.of(ENDPOINTS.get(e).name(), CALLERS.get(c).name(), ENDPOINTS.get(e),
                        CALLERS.get(c), TABLE[c][e]));
            }
        }
        return cases.stream();
    }

    /** Units (the 2025-03 ladder, 10810 ended on 30 November 2024), the programme, contacts and an inbox item. */
    @BeforeEach
    void unitsProgrammeContactsAndAnInboxItem() {
        clockAt("2024-12-02T08:00:00+07:00");
        ReportingSeason.units(Map.of(UNIT, "Thị trấn Thanh Hà", "10816", "Xã Hồng Lạc")).forEach(units::apply);
        units.apply(ReportingSeason.unit("22", "Tỉnh Bắc Ninh", UnitLevel.PROVINCE, "BGDDT"));
        units.apply(new UnitUpserted("10810", List.of(new UnitPlacement("2025-03", null, LocalDate.of(2024, 11, 30),
                "Xã Thanh Hải", "Xã", UnitLevel.COMMUNE, "294")), 1));
        programmes.apply(ReportingSeason.plan(List.of(UNIT, "10816")));
        contacts.setEmails(UNIT, List.of(new dev.cascade.notification.contact.EmailAddress("cu@thanhha.example")));
        inbox.add(new InboxItem(ITEM, INBOX_USER, "REMINDER_3_DAYS_BEFORE", UNIT, ReportingSeason.obligationId(UNIT),
                UNIT, ReportingSeason.PROGRAMME, ReportingSeason.PERIOD, "Nhắc hạn", "Còn 3 ngày",
                "https://cascade.example/obligations/TH-GDNN-ANNUAL/2024/" + UNIT, CLOCK.instant(), null));
    }

    @ParameterizedTest(name = "[{index}] {0} by {1} → {4}")
    @MethodSource("cases")
    void everyEndpointAnswersEveryCallerAsTheTableSays(String endpointName, String callerName, Endpoint endpoint,
                                                        Caller caller, int expected) throws Exception {
        Map<String, String> before = state();

        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(),
                java.net.URI.create(endpoint.path()));
        if (endpoint.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(endpoint.body());
        }
        if (endpoint.path().endsWith("/stream")) {
            request.accept(MediaType.TEXT_EVENT_STREAM);
        }
        String authorization = caller.authorization().get();
        if (authorization == null) {
            request.header(FittingTokens.NO_TOKEN, "yes");
        } else {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        MockHttpServletResponse response = mockMvc.perform(request).andReturn().getResponse();

        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as("%s by %s: %s", endpointName, callerName, body).isEqualTo(expected);
        if (expected == 200) {
            return;
        }
        assertThat(response.getContentType()).as(body).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        AccessRefusals.assertRefusal(expected, response.getHeader(HttpHeaders.WWW_AUTHENTICATE), body);
        assertThat(state()).as("nothing stored, nothing published").isEqualTo(before);
    }

    /** The table as it stands in the README, written to {@code target/authorization-matrix.md}. */
    @Test
    void theTableIsRenderedForTheReadme() throws Exception {
        StringBuilder md = new StringBuilder("| caller |");
        ENDPOINTS.forEach(e -> md.append(" `").append(e.name()).append("` |"));
        md.append("\n|---|").append("---|".repeat(ENDPOINTS.size())).append('\n');
        for (int c = 0; c < CALLERS.size(); c++) {
            md.append("| ").append(CALLERS.get(c).name()).append(" |");
            for (int e = 0; e < ENDPOINTS.size(); e++) {
                md.append(' ').append(TABLE[c][e]).append(" |");
            }
            md.append('\n');
        }
        Path out = Path.of("target", "authorization-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        assertThat(CALLERS.size() * ENDPOINTS.size()).isEqualTo(144);
        assertThat(TABLE.length).isEqualTo(CALLERS.size());
        assertThat(java.util.Arrays.stream(TABLE).mapToInt(row -> row.length)).containsOnly(ENDPOINTS.size());
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    private Map<String, String> state() {
        return BadInputCatalogue.state(mongo, broker.getBrokersAsString(), Topics.NOTIFICATIONS);
    }
}
