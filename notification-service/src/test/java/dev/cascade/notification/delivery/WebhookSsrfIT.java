package dev.cascade.notification.delivery;

import com.sun.net.httpserver.HttpServer;
import dev.cascade.contracts.Topics;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.ReportingSeason;
import dev.cascade.notification.TestHostResolver;
import dev.cascade.notification.contact.Webhook;
import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side request forgery through webhooks: targets inside (loopback, link-local, private, unspecified, the
 * stack's own hosts, a name resolving to one of them) are refused when contacts are written (422, nothing stored)
 * and, for a contact stored before the rule or a name rebound since, at delivery (never called, GAVE_UP with the
 * reason, counted). A real HTTP receiver listens on 127.0.0.1: a target that slipped through would reach it.
 */
class WebhookSsrfIT extends NotificationServiceTestSupport {

    static final String COMMUNE = "10825";
    static final String SECRET = "s3cret-of-tan-viet-commune";

    @Autowired
    MeterRegistry meters;

    HttpServer receiver;
    final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiverAndCommune() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        ReportingSeason.units(Map.of(COMMUNE, "Xã Tân Việt")).forEach(units::apply);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    int port() {
        return receiver.getAddress().getPort();
    }

    /** The unit's administrator (the rules of who may write contacts are not this test's concern). */
    static final String ADMIN = TestIssuer.shared().bearer("admin-" + COMMUNE, COMMUNE, Role.ADMIN);

    org.springframework.test.web.servlet.assertj.MvcTestResult putContacts(String url) {
        return putJson("/contacts/{unitCode}", COMMUNE, contactsBody(url)).header("Authorization", ADMIN).exchange();
    }

    String contactsBody(String url) {
        return """
                {"emails":[],"webhooks":[{"url":"%s","secret":"%s"}]}""".formatted(url, SECRET);
    }

    double refusedCount(String reason) {
        Counter counter = meters.find("cascade.notifications.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Host as written in the URL, and the class it is refused as. */
    static final String TARGETS = """
            127.0.0.1,              loopback
            127.8.9.10,             loopback
            [::1],                  loopback
            [::ffff:127.0.0.1],     loopback
            169.254.169.254,        link-local
            [fe80::1],              link-local
            10.1.2.3,               private
            172.16.0.1,             private
            172.31.255.255,         private
            192.168.1.1,            private
            [fd00::1],              private
            100.64.0.1,             private
            0.0.0.0,                unspecified
            [::],                   unspecified
            224.0.0.1,              multicast
            loopback.cascade.test,  loopback
            metadata.cascade.test,  link-local
            localhost,              stack-host
            mongo,                  stack-host
            kafka,                  stack-host
            notification-service,   stack-host
            smtp-relay.mail.svc,    stack-host
            """;

    @ParameterizedTest(name = "{0} ({1}) refused at write")
    @CsvSource(textBlock = TARGETS)
    void aWebhookToAnInsideTargetIsRefusedWhenWrittenAndNothingIsStored(String host, String addressClass) {
        for (String scheme : List.of("https", "http")) {
            String url = scheme + "://" + host + ":" + port() + "/hooks/ssrf";
            var response = putContacts(url);

            assertThat(response).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response).bodyJson().extractingPath("$.type").isEqualTo("urn:cascade:problem:invalid-content");
            assertThat(response).bodyJson().extractingPath("$.errors[*].field").asArray()
                    .containsExactly("webhooks[0].url");
            assertThat(response).bodyJson().extractingPath("$.addressClasses").asArray().containsExactly(addressClass);
            assertThat(response).bodyJson().extractingPath("$.errors[0].message").asString()
                    .contains(addressClass.equals("stack-host") ? "one of Cascade's own hosts"
                            : "a " + addressClass + " address");
            assertThat(response).bodyJson().extractingPath("$.detail").asString().contains("nothing was changed");
            assertThat(mongo.getCollection("contacts").countDocuments()).as("nothing stored").isZero();
        }
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest(name = "{0} ({1}) stored before the rule: not called")
    @CsvSource(textBlock = TARGETS)
    void aWebhookToAnInsideTargetStoredBeforeTheRuleIsNeverCalledAndRecordedAsRefused(String host,
                                                                                       String addressClass) {
        String inside = "http://" + host + ":" + port() + "/hooks/ssrf";
        String allowed = "http://" + TestHostResolver.RECEIVER + ":" + port() + "/hooks/allowed";
        contacts.set(COMMUNE, List.of(), List.of(new Webhook(inside, SECRET), new Webhook(allowed, SECRET)),
                List.of());
        clockAt("2024-12-07T08:00:00+07:00"); // the clock is shared by every test class: set before the opening
        tracker.opened(ReportingSeason.opened(COMMUNE));
        double refusedBefore = refusedCount(addressClass);

        assertThat(reminders.dispatchDue()).as("only the allowed receiver").isEqualTo(1);

        assertThat(calls).as("the receiver works, and was called for the allowed webhook only")
                .containsExactly("/hooks/allowed");
        Delivery refused = deliveries.forUnit(COMMUNE).stream().filter(d -> d.recipient().equals(inside))
                .findFirst().orElseThrow();
        assertThat(refused.state()).isEqualTo(DeliveryState.GAVE_UP);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.nextAttemptAt()).isNull();
        assertThat(refused.sentAt()).isNull();
        assertThat(refused.lastError()).startsWith("DeliveryRefused: refused")
                .contains(addressClass.equals("stack-host") ? "one of Cascade's own hosts"
                        : "a " + addressClass + " address");
        assertThat(refusedCount(addressClass) - refusedBefore).isEqualTo(1.0);

        assertThat(reminders.dispatchDue()).as("never tried again").isZero();
        assertThat(calls).hasSize(1);
        assertThat(records(Topics.NOTIFICATIONS)).as("no NotificationSent for a refused delivery")
                .noneMatch(r -> r.value().contains("/hooks/ssrf"));
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheWriteIsCheckedAgainAndNotCalled() {
        String url = "http://" + TestHostResolver.REBINDING + ":" + port() + "/hooks/rebound";
        assertThat(putContacts(url))
                .as("public when written").hasStatusOk();
        TestHostResolver.rebind("127.0.0.1");
        clockAt("2024-12-07T08:00:00+07:00"); // the clock is shared by every test class: set before the opening
        tracker.opened(ReportingSeason.opened(COMMUNE));

        assertThat(reminders.dispatchDue()).isZero();

        assertThat(calls).isEmpty();
        Delivery refused = deliveries.forUnit(COMMUNE).get(0);
        assertThat(refused.state()).isEqualTo(DeliveryState.GAVE_UP);
        assertThat(refused.lastError()).isEqualTo("DeliveryRefused: refused, not called: host '"
                + TestHostResolver.REBINDING + "' resolves to 127.0.0.1, a loopback address; webhooks may only call "
                + "public addresses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hooks/cascade", "https://ubnd.example/hooks/cascade",
            "https://93.184.216.34:8443/hooks", "http://93.184.216.34/hooks"})
    void aPublicTargetIsAcceptedAndItsSecretIsStoredSealedAndNeverShown(String url) {
        var response = putContacts(url);

        assertThat(response).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"unitCode":"10825","webhooks":[{"url":"%s","secretSet":true}]}""".formatted(url));
        assertThat(response).bodyJson().doesNotHavePath("$.webhooks[0].secret");
        assertThat(mvc.get().uri("/contacts/{unitCode}", COMMUNE).header("Authorization", ADMIN).exchange()).hasStatusOk().bodyJson()
                .doesNotHavePath("$.webhooks[0].secret").extractingPath("$.webhooks[0].secretSet").isEqualTo(true);
        Document stored = mongo.getCollection("contacts").find().first();
        assertThat(stored.toJson()).doesNotContain(SECRET);
        Document hook = stored.getList("webhooks", Document.class).get(0);
        assertThat(hook.getString("url")).isEqualTo(url);
        assertThat(hook.getString("sealedSecret")).startsWith("v1:");
        assertThat(hook.containsKey("secret")).isFalse();
        assertThat(contacts.webhook(COMMUNE, url).orElseThrow().secret()).isEqualTo(SECRET);
    }

    @Test
    void aSecretStoredInClearBeforeSecretsWereSealedIsSealedAtStartAndStillOpens() {
        String url = "https://ubnd.example/hooks/legacy";
        mongo.getCollection("contacts").insertOne(new Document("_id", COMMUNE).append("emails", List.of())
                .append("webhooks", List.of(new Document("url", url).append("secret", SECRET)))
                .append("inboxUsers", List.of()));

        contacts.sealSecretsStoredInClear();

        Document stored = mongo.getCollection("contacts").find().first();
        assertThat(stored.toJson()).doesNotContain(SECRET).contains("v1:");
        assertThat(contacts.webhook(COMMUNE, url).orElseThrow().secret()).isEqualTo(SECRET);
    }

    @Test
    void aSealedSecretCopiedToAnotherWebhookDoesNotOpen() {
        contacts.set(COMMUNE, List.of(), List.of(new Webhook("https://a.example/h", SECRET),
                new Webhook("https://b.example/h", "another-secret-0123")), List.of());
        Document stored = mongo.getCollection("contacts").find().first();
        List<Document> hooks = stored.getList("webhooks", Document.class);
        hooks.get(1).put("sealedSecret", hooks.get(0).getString("sealedSecret"));
        mongo.getCollection("contacts").replaceOne(new Document("_id", COMMUNE), stored);

        assertThat(contacts.webhook(COMMUNE, "https://a.example/h").orElseThrow().secret()).isEqualTo(SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> contacts.webhook(COMMUNE, "https://b.example/h"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not open");
    }
}
