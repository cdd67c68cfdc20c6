package dev.cascade.notification.delivery;

import com.sun.net.httpserver.HttpServer;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.events.NotificationSent;
import dev.cascade.notification.NotificationServiceTestSupport;
import dev.cascade.notification.ReportingSeason;
import dev.cascade.notification.TestHostResolver;
import dev.cascade.notification.contact.Webhook;
import dev.cascade.notification.obligation.Reminder;
import dev.cascade.notification.obligation.ReminderState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhooks against a real local HTTP receiver: signature, retry with back-off by the clock, giving up. */
class WebhookDeliveryIT extends NotificationServiceTestSupport {

    static final String SECRET = "s3cret-of-thanh-ha-commune";
    static final String COMMUNE = "10825";


    HttpServer receiver;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    record Call(String path, String signature, String kindHeader, byte[] body, int answered) {
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            calls.add(new Call(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Cascade-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Cascade-Kind"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    String url(String path) {
        return "http://" + TestHostResolver.RECEIVER + ":" + receiver.getAddress().getPort() + path;
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    void communeWithWebhook(String path) {
        ReportingSeason.units(java.util.Map.of(COMMUNE, "Xã Tân Việt")).forEach(units::apply);
        contacts.set(COMMUNE, List.of(), List.of(new Webhook(url(path), SECRET)), List.of());
        tracker.opened(ReportingSeason.opened(COMMUNE));
    }

    @Test
    void signedWebhookIsRetriedWithBackoffByTheClockUntilTheReceiverAcceptsIt() throws Exception {
        clockAt("2024-12-07T08:00:00+07:00");
        communeWithWebhook("/hooks/cascade");
        failuresLeft.set(2);

        assertThat(reminders.dispatchDue()).isZero();
        assertThat(calls).hasSize(1);
        Delivery failed = deliveries.forUnit(COMMUNE).get(0);
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.lastError()).contains("answered HTTP 503");
        assertThat(failed.nextAttemptAt()).isEqualTo(Instant.parse("2024-12-07T01:00:30Z"));

        clockAt("2024-12-07T08:00:20+07:00");
        assertThat(reminders.dispatchDue()).as("still within the 30 s back-off").isZero();
        assertThat(calls).hasSize(1);

        clockAt("2024-12-07T08:00:30+07:00");
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(calls).hasSize(2);
        assertThat(deliveries.forUnit(COMMUNE).get(0).nextAttemptAt())
                .as("doubled: 60 s after the second failure").isEqualTo(Instant.parse("2024-12-07T01:01:30Z"));

        clockAt("2024-12-07T08:01:10+07:00");
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(calls).hasSize(2);

        clockAt("2024-12-07T08:01:30+07:00");
        assertThat(reminders.dispatchDue()).isEqualTo(1);
        assertThat(reminders.dispatchDue()).isZero();
        assertThat(calls).extracting(Call::answered).containsExactly(503, 503, 204);

        for (Call call : calls) {
            assertThat(call.path()).isEqualTo("/hooks/cascade");
            assertThat(call.signature()).isEqualTo(hmac(SECRET, call.body()));
            assertThat(call.signature()).isNotEqualTo(hmac("another-secret-entirely", call.body()));
            assertThat(call.kindHeader()).isEqualTo("REMINDER_3_DAYS_BEFORE");
        }
        JsonNode payload = json.readTree(calls.get(2).body());
        assertThat(payload.path("kind").asString()).isEqualTo("REMINDER_3_DAYS_BEFORE");
        assertThat(payload.path("unitCode").asString()).isEqualTo(COMMUNE);
        assertThat(payload.path("obligationId").asString()).isEqualTo(ReportingSeason.obligationId(COMMUNE));
        assertThat(payload.path("attempt").asInt()).isEqualTo(3);
        assertThat(payload.path("subject").asString())
                .isEqualTo("[Cascade] Nhắc hạn báo cáo: TH-GDNN-ANNUAL kỳ 2024 — hạn 10/12/2024 (còn 3 ngày)");
        String form = ReportingSeason.PORTAL + "/obligations/TH-GDNN-ANNUAL/2024/" + COMMUNE;
        assertThat(payload.path("link").asString()).isEqualTo(form);
        assertThat(payload.path("text").asString()).startsWith("Kính gửi: Xã Tân Việt").doesNotContain(SECRET)
                .contains("\nMở biểu mẫu báo cáo: " + form + "\n", "\nOpen the report form: " + form + "\n");

        Delivery sent = deliveries.forUnit(COMMUNE).get(0);
        assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.channel().name()).isEqualTo("WEBHOOK");
        ConsumerRecord<String, String> event = await().until(() -> records(Topics.NOTIFICATIONS).stream()
                .filter(r -> r.value().contains(url("/hooks/cascade"))).findFirst().orElse(null), r -> r != null);
        NotificationSent notification = json.readValue(event.value(), NotificationSent.class);
        assertThat(notification.channel()).isEqualTo("WEBHOOK");
        assertThat(notification.sentAt()).isEqualTo(Instant.parse("2024-12-07T01:01:30Z"));
    }

    @Test
    void aWebhookThatNeverAnswersWellIsGivenUpAfterFiveAttemptsWithTheFailureRecorded() {
        clockAt("2024-12-07T08:00:00+07:00");
        communeWithWebhook("/hooks/broken");
        failuresLeft.set(Integer.MAX_VALUE);

        Instant now = Instant.parse("2024-12-07T01:00:00Z");
        for (int minute = 0; minute <= 30; minute++) {
            CLOCK.set(now.plus(Duration.ofMinutes(minute)));
            assertThat(reminders.dispatchDue()).isZero();
        }

        assertThat(calls).hasSize(5).extracting(Call::answered).containsOnly(503);
        Delivery abandoned = deliveries.forUnit(COMMUNE).get(0);
        assertThat(abandoned.state()).isEqualTo(DeliveryState.GAVE_UP);
        assertThat(abandoned.attempts()).isEqualTo(5);
        assertThat(abandoned.lastError()).isEqualTo("WebhookFailedException: " + url("/hooks/broken")
                + " answered HTTP 503");
        assertThat(abandoned.nextAttemptAt()).isNull();
        assertThat(obligations.find(ReportingSeason.obligationId(COMMUNE)).orElseThrow().reminders())
                .extracting(Reminder::state).first().as("the reminder is settled, not retried forever")
                .isEqualTo(ReminderState.SENT);
    }
}
