package dev.cascade.notification;

import dev.cascade.contracts.Topics;
import dev.cascade.notification.programme.ProgrammeCatalog;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
 * The bad-input catalogue of notification-service: one table of refused requests to its write endpoints (contacts,
 * reminder policies, inbox items) and its query endpoints (contacts, policies, inbox, delivery log). The service
 * starts as every integration test starts it ({@link NotificationServiceTestSupport}: embedded KRaft broker, the
 * embedded MongoDB-wire server, GreenMail, the test clock), on a real port and its own database; before each row the
 * unit 10813 with its contacts and the programme TH-GDNN-ANNUAL are known. Every row is sent and its answer checked
 * by the shared {@link BadInputCatalogue}: its status, an {@code application/problem+json} body of its {@code type}
 * naming its field (when it has one), without Java names and without echoing a large input; nothing may be stored
 * or published, and the service must still answer. Every row is sent with a real token of the person who may make
 * the request ({@link FittingTokens}), so that what it meets is the rule it is about, not the access rules (those
 * are {@code AuthorizationMatrixIT}'s).
 */
@SpringBootTest(classes = NotificationServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=notification-service",
                "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
                "spring.mongodb.database=cascade-notification-catalogue-test",
                "cascade.notifications.dispatch-interval=1h",
                "spring.cloud.stream.bindings.obligationEvents-in-0.consumer.max-attempts=2",
                "spring.cloud.stream.bindings.obligationEvents-in-0.consumer.back-off-initial-interval=50",
                "spring.cloud.stream.bindings.obligationEvents-in-0.consumer.back-off-max-interval=100"})
class BadInputCatalogueIT extends NotificationServiceTestSupport {

    private static final String CONTACTS = "/contacts/10813";
    private static final String POLICY = "/policies/" + ReportingSeason.PROGRAMME;

    /** The broker whose topics were found quiet (one per application context). */
    private static String quietOn;

    /** The table: name, method, path, headers, body, status, problem kind, field named (null: none). */
    static Stream<Row> catalogue() {
        return Stream.of(
                // PUT /contacts/{unitCode}: the unit
                row("contacts: unknown unit", "PUT", "/contacts/99990", JSON, contacts(), 404, NOT_FOUND,
                        "unitCode"),
                row("contacts: unit code with a space", "PUT", "/contacts/10813%20x", JSON, contacts(), 400,
                        MALFORMED, "unitCode"),
                row("contacts: unit code of 33 characters", "PUT", "/contacts/" + "1".repeat(33), JSON, contacts(),
                        400, MALFORMED, "unitCode"),
                row("contacts: unit code of 5,000 characters", "PUT", "/contacts/" + "1".repeat(5_000), JSON,
                        contacts(), 400, MALFORMED, "unitCode"),
                // the body's shape
                row("contacts: malformed JSON", "PUT", CONTACTS, JSON, "{\"emails\":[", 400, MALFORMED, "body"),
                row("contacts: a JSON array", "PUT", CONTACTS, JSON, "[" + contacts() + "]", 400, MALFORMED, "body"),
                row("contacts: text after the document", "PUT", CONTACTS, JSON, contacts() + "}", 400, MALFORMED,
                        "body"),
                row("contacts: emails as a string", "PUT", CONTACTS, JSON, "{\"emails\":\"van@thanhha.example\"}",
                        400, MALFORMED, "emails"),
                row("contacts: emails as an object", "PUT", CONTACTS, JSON, "{\"emails\":{\"a\":\"b\"}}", 400,
                        MALFORMED, "emails"),
                row("contacts: an address as a number", "PUT", CONTACTS, JSON, "{\"emails\":[42]}", 400, MALFORMED,
                        "emails[0]"),
                row("contacts: emails given twice", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"emails\":[\"van@thanhha.example\"]}", 400, MALFORMED, "emails"),
                row("contacts: lone surrogate in an address", "PUT", CONTACTS, JSON,
                        "{\"emails\":[\"van\\ud800@thanhha.example\"]}", 400, MALFORMED, "emails[0]"),
                row("contacts: webhooks as an object", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"webhooks\":{\"url\":\"https://a.example\"}}", 400, MALFORMED, "webhooks"),
                row("contacts: webhook URL as a number", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"webhooks\":[{\"url\":8080,\"secret\":\"" + "s".repeat(16) + "\"}]}", 400,
                        MALFORMED, "webhooks[0].url"),
                row("contacts: inboxUsers as a string", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"inboxUsers\":\"nguyen.van.an\"}", 400, MALFORMED, "inboxUsers"),
                // the body's content
                row("contacts: no emails", "PUT", CONTACTS, JSON, "{}", 400, MALFORMED, "emails"),
                row("contacts: emails misspelt (unknown key, required key missing)", "PUT", CONTACTS, JSON,
                        "{\"email\":[\"van@thanhha.example\"]}", 400, MALFORMED, "emails"),
                row("contacts: empty body", "PUT", CONTACTS, JSON, "", 400, MALFORMED, "emails"),
                row("contacts: JSON null", "PUT", CONTACTS, JSON, "null", 400, MALFORMED, "emails"),
                row("contacts: not an address", "PUT", CONTACTS, JSON,
                        "{\"emails\":[\"ok@thanhha.example\",\"vanthu\"]}", 400, MALFORMED, "emails[1]"),
                row("contacts: a null address", "PUT", CONTACTS, JSON, "{\"emails\":[null]}", 400, MALFORMED,
                        "emails[0]"),
                row("contacts: 21 addresses", "PUT", CONTACTS, JSON, "{\"emails\":" + addresses(21) + "}", 400,
                        MALFORMED, "emails"),
                row("contacts: address of 5,000 characters", "PUT", CONTACTS, JSON,
                        "{\"emails\":[\"" + "a".repeat(5_000) + "@thanhha.example\"]}", 400, MALFORMED, "emails[0]"),
                row("contacts: ftp webhook", "PUT", CONTACTS, JSON, webhook("ftp://ubnd.example/hook", secret(16)),
                        400, MALFORMED, "webhooks[0].url"),
                row("contacts: relative webhook URL", "PUT", CONTACTS, JSON, webhook("/hooks/cascade", secret(16)),
                        400, MALFORMED, "webhooks[0].url"),
                row("contacts: webhook URL of 2,001 characters", "PUT", CONTACTS, JSON,
                        webhook("https://ubnd.example/" + "h".repeat(1_980), secret(16)), 400, MALFORMED,
                        "webhooks[0].url"),
                row("contacts: webhook secret of 15 characters", "PUT", CONTACTS, JSON,
                        webhook("https://ubnd.example/hook", secret(15)), 400, MALFORMED, "webhooks[0].secret"),
                row("contacts: webhook secret of 257 characters", "PUT", CONTACTS, JSON,
                        webhook("https://ubnd.example/hook", secret(257)), 400, MALFORMED, "webhooks[0].secret"),
                row("contacts: webhook without a secret", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"webhooks\":[{\"url\":\"https://ubnd.example/hook\"}]}", 400, MALFORMED,
                        "webhooks[0].secret"),
                row("contacts: a null webhook", "PUT", CONTACTS, JSON, "{\"emails\":[],\"webhooks\":[null]}", 400,
                        MALFORMED, "webhooks[0]"),
                row("contacts: 6 webhooks", "PUT", CONTACTS, JSON, "{\"emails\":[],\"webhooks\":["
                        + String.join(",", Collections.nCopies(6, "{\"url\":\"https://ubnd.example/hook\",\"secret\":\""
                        + secret(16) + "\"}")) + "]}", 400, MALFORMED, "webhooks"),
                row("contacts: inbox user with a space", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"inboxUsers\":[\"nguyen van an\"]}", 400, MALFORMED, "inboxUsers[0]"),
                row("contacts: inbox user of 65 characters", "PUT", CONTACTS, JSON,
                        "{\"emails\":[],\"inboxUsers\":[\"" + "u".repeat(65) + "\"]}", 400, MALFORMED,
                        "inboxUsers[0]"),
                row("contacts: 21 inbox users", "PUT", CONTACTS, JSON, "{\"emails\":[],\"inboxUsers\":"
                        + users(21) + "}", 400, MALFORMED, "inboxUsers"),
                // media type and size
                row("contacts: text/plain", "PUT", CONTACTS, TEXT, contacts(), 415, MEDIA, null),
                row("contacts: no Content-Type", "PUT", CONTACTS, NONE, contacts(), 415, MEDIA, null),
                row("contacts: 300 KB declared", "PUT", CONTACTS, JSON, big(), 413, TOO_LARGE, "body"),
                row("contacts: 300 KB chunked", "PUT", CONTACTS, JSON.streamed(), big(), 413, TOO_LARGE, "body"),
                // GET /contacts/{unitCode}
                row("GET contacts: none set", "GET", "/contacts/10816", NONE, null, 404, NOT_FOUND, null),
                row("GET contacts: unit code with a quote", "GET", "/contacts/10813%22", NONE, null, 400, MALFORMED,
                        "unitCode"),
                row("GET contacts: unit code of 5,000 characters", "GET", "/contacts/" + "2".repeat(5_000), NONE,
                        null, 400, MALFORMED, "unitCode"),

                // PUT /policies/{programme}
                row("policy: unknown programme", "PUT", "/policies/NO-SUCH-PROGRAMME", JSON, policy(), 404, NOT_FOUND,
                        "programme"),
                row("policy: programme of 65 characters", "PUT", "/policies/" + "P".repeat(65), JSON, policy(), 400,
                        MALFORMED, "programme"),
                row("policy: programme with an exclamation mark", "PUT", "/policies/TH%21", JSON, policy(), 400,
                        MALFORMED, "programme"),
                row("policy: no levels", "PUT", POLICY, JSON, "{\"fallback\":[\"REMINDER_DUE_TODAY\"]}", 400,
                        MALFORMED, "levels"),
                row("policy: empty body", "PUT", POLICY, JSON, "", 400, MALFORMED, "levels"),
                row("policy: unknown level", "PUT", POLICY, JSON, "{\"levels\":{\"VILLAGE\":[\"REMINDER_DUE_TODAY\"]}}",
                        400, MALFORMED, "levels.VILLAGE"),
                row("policy: level in lower case", "PUT", POLICY, JSON,
                        "{\"levels\":{\"commune\":[\"REMINDER_DUE_TODAY\"]}}", 400, MALFORMED, "levels.commune"),
                row("policy: unknown kind", "PUT", POLICY, JSON, "{\"levels\":{\"COMMUNE\":[\"REMINDER_2_DAYS_BEFORE\"]}}",
                        400, MALFORMED, "levels.COMMUNE[0]"),
                row("policy: a level's kinds null", "PUT", POLICY, JSON, "{\"levels\":{\"COMMUNE\":null}}", 400,
                        MALFORMED, "levels.COMMUNE"),
                row("policy: unknown fallback kind", "PUT", POLICY, JSON,
                        "{\"levels\":{},\"fallback\":[\"REMINDER_DUE_TODAY\",\"NOPE\"]}", 400, MALFORMED, "fallback[1]"),
                row("policy: levels as an array", "PUT", POLICY, JSON, "{\"levels\":[\"COMMUNE\"]}", 400, MALFORMED,
                        "levels"),
                row("policy: a kind as a number", "PUT", POLICY, JSON, "{\"levels\":{\"COMMUNE\":[3]}}", 400,
                        MALFORMED, "levels.COMMUNE[0]"),
                row("policy: fallback as a string", "PUT", POLICY, JSON,
                        "{\"levels\":{},\"fallback\":\"REMINDER_DUE_TODAY\"}", 400, MALFORMED, "fallback"),
                row("policy: levels given twice", "PUT", POLICY, JSON, "{\"levels\":{},\"levels\":{}}", 400,
                        MALFORMED, "levels"),
                row("policy: lone surrogate in a kind", "PUT", POLICY, JSON,
                        "{\"levels\":{\"COMMUNE\":[\"REMINDER\\udc00\"]}}", 400, MALFORMED, "levels.COMMUNE[0]"),
                row("policy: malformed JSON", "PUT", POLICY, JSON, "{\"levels\":{", 400, MALFORMED, "body"),
                row("policy: text after the document", "PUT", POLICY, JSON, policy() + " 1", 400, MALFORMED, "body"),
                row("policy: text/plain", "PUT", POLICY, TEXT, policy(), 415, MEDIA, null),
                row("policy: 300 KB chunked", "PUT", POLICY, JSON.streamed(), big(), 413, TOO_LARGE, "body"),
                row("GET policy: programme of 65 characters", "GET", "/policies/" + "P".repeat(65), NONE, null, 400,
                        MALFORMED, "programme"),

                // the inbox
                row("GET inbox: user with a space", "GET", "/inbox/nguyen%20van%20an", NONE, null, 400, MALFORMED,
                        "user"),
                row("GET inbox: user of 65 characters", "GET", "/inbox/" + "u".repeat(65), NONE, null, 400,
                        MALFORMED, "user"),
                row("GET inbox: unread=maybe", "GET", "/inbox/nguyen.van.an?unread=maybe", NONE, null, 400,
                        MALFORMED, null),
                row("GET inbox stream: user with a quote", "GET", "/inbox/an%22/stream", NONE, null, 400, MALFORMED,
                        "user"),
                row("read: unknown item", "POST", "/inbox/nguyen.van.an/items/no-such-item/read", NONE, null, 404,
                        NOT_FOUND, null),
                row("unread: unknown item", "POST", "/inbox/nguyen.van.an/items/no-such-item/unread", NONE, null, 404,
                        NOT_FOUND, null),
                row("read: user of 65 characters", "POST", "/inbox/" + "u".repeat(65) + "/items/x/read", NONE, null,
                        400, MALFORMED, "user"),
                row("read: 300 KB chunked", "POST", "/inbox/nguyen.van.an/items/x/read", JSON.streamed(), big(), 413,
                        TOO_LARGE, "body"),

                // GET /notifications
                row("GET notifications: no unit", "GET", "/notifications", NONE, null, 400, MALFORMED, "unit"),
                row("GET notifications: blank unit", "GET", "/notifications?unit=%20", NONE, null, 400, MALFORMED,
                        "unit"),

                // methods and paths
                row("POST contacts", "POST", CONTACTS, JSON, contacts(), 405, METHOD, null),
                row("DELETE contacts", "DELETE", CONTACTS, NONE, null, 405, METHOD, null),
                row("POST a policy", "POST", POLICY, JSON, policy(), 405, METHOD, null),
                row("DELETE a policy", "DELETE", POLICY, NONE, null, 405, METHOD, null),
                row("PUT an inbox", "PUT", "/inbox/nguyen.van.an", JSON, "{}", 405, METHOD, null),
                row("GET a read mark", "GET", "/inbox/nguyen.van.an/items/x/read", NONE, null, 405, METHOD, null),
                row("POST notifications", "POST", "/notifications?unit=10813", JSON, "{}", 405, METHOD, null),
                row("TRACE contacts", "TRACE", CONTACTS, NONE, null, 405, METHOD, null),
                row("GET an inbox stream as JSON", "GET", "/inbox/nguyen.van.an/stream",
                        Headers.of("Accept", "application/json"), null, 406, "not-acceptable", null),
                row("GET contacts none set, asking for HTML", "GET", "/contacts/10816", Headers.of("Accept", "text/html"),
                        null, 404, NOT_FOUND, null),
                row("GET contacts none set, asking for XML", "GET", "/contacts/10816",
                        Headers.of("Accept", "application/xml"), null, 404, NOT_FOUND, null),
                row("contacts: no emails, asking for HTML", "PUT", CONTACTS,
                        Headers.of("Content-Type", "application/json", "Accept", "text/html"), "{}", 400, MALFORMED,
                        "emails"),
                row("GET an unknown path", "GET", "/nowhere", NONE, null, 404, NOT_FOUND, null),
                row("GET an unknown path, asking for HTML", "GET", "/nowhere", Headers.of("Accept", "text/html"), null,
                        404, NOT_FOUND, null),
                row("POST to an unknown path", "POST", "/nowhere", JSON, "{}", 404, NOT_FOUND, null),
                row("GET contacts with an encoded NUL", "GET", "/contacts/10813%00", NONE, null, 400, MALFORMED, null),
                // refused by the resource server's firewall (Spring Security's StrictHttpFirewall) before routing
                row("GET contacts with an encoded dot-dot", "GET", "/contacts/%2e%2e/x", NONE, null, 400, MALFORMED,
                        null),
                row("GET contacts without a unit", "GET", "/contacts", NONE, null, 404, NOT_FOUND, null),
                row("GET contacts with an encoded slash", "GET", "/contacts/10813%2Fx", NONE, null, 400, MALFORMED,
                        null));
    }

    /** The OpenAPI document is valid, lists the endpoints with their problem responses, and is written for CI's lint. */
    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsProblemResponses() {
        OpenApiDocuments.checkAndWrite(java.net.URI.create("http://localhost:" + port), "notification-service", java.util.List.of("/contacts/{unitCode}", "/policies/{programme}", "/notifications", "/inbox/{user}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("catalogue")
    void aBadRequestIsRefusedWithAProblemAndChangesNothing(Row row) {
        Row withToken = new Row(row.name(), row.method(), row.path(), row.headers().with("Authorization",
                FittingTokens.bearerFor(row.path())), row.body(), row.status(), row.kind(), row.field());
        BadInputCatalogue.assertRefused(base(), withToken, this::state, () -> {
            HttpResponse<String> still = BadInputCatalogue.send(base(), "GET", "/notifications?unit=10813",
                    NONE.with("Authorization", FittingTokens.admin()), null);
            assertThat(still.statusCode()).as("the service still answers: %s", still.body()).isEqualTo(200);
        });
    }

    @Autowired
    ProgrammeCatalog programmes;
    @LocalServerPort
    int port;

    private static String contacts() {
        return "{\"emails\":[\"vanthu@thanhha.example\"],\"inboxUsers\":[\"nguyen.van.an\"]}";
    }

    private static String policy() {
        return "{\"levels\":{\"COMMUNE\":[\"REMINDER_DUE_TODAY\"]}}";
    }

    private static String webhook(String url, String secret) {
        return "{\"emails\":[],\"webhooks\":[{\"url\":\"" + url + "\",\"secret\":\"" + secret + "\"}]}";
    }

    private static String secret(int length) {
        return "k".repeat(length);
    }

    private static String addresses(int n) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            list.append(i == 0 ? "" : ",").append("\"staff").append(i).append("@thanhha.example\"");
        }
        return list.append(']').toString();
    }

    private static String users(int n) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            list.append(i == 0 ? "" : ",").append("\"user").append(i).append('"');
        }
        return list.append(']').toString();
    }

    /** A JSON body of about 300 KB, over the 256 KB limit. */
    private static String big() {
        return "{\"emails\":[],\"levels\":{},\"note\":\"" + "x".repeat(300 * 1024) + "\"}";
    }

    @AfterAll
    static void closeConsumers() {
        BadInputCatalogue.closeConsumers();
    }

    /** After the support class emptied the store: the unit 10813 with its contacts, and the programme. */
    @BeforeEach
    void aUnitWithContactsAndAProgramme() {
        units.apply(ReportingSeason.unit("10813", "Thị trấn Thanh Hà", dev.cascade.contracts.events.UnitLevel.COMMUNE,
                "294"));
        programmes.apply(ReportingSeason.plan(List.of("10813")));
        HttpResponse<String> set = BadInputCatalogue.send(base(), "PUT", CONTACTS,
                JSON.with("Authorization", FittingTokens.admin()), contacts());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        if (!broker.getBrokersAsString().equals(quietOn)) {
            BadInputCatalogue.awaitQuiet(this::state, Duration.ofSeconds(60));
            quietOn = broker.getBrokersAsString();
        }
    }

    /** Every collection of the service's database (count and content) and the end offset of what it publishes. */
    private Map<String, String> state() {
        return BadInputCatalogue.state(mongo, broker.getBrokersAsString(), Topics.NOTIFICATIONS);
    }

    private URI base() {
        return BadInputCatalogue.local(port);
    }
}
