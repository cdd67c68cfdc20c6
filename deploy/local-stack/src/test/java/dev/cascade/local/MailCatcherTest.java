package dev.cascade.local;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailCatcherTest {

    @Test
    void theListingLeavesOutTheFirstNMessagesAskedToAndNamesEachNotification() throws Exception {
        try (MailCatcher mail = new MailCatcher(0, 0)) {
            mail.start();
            Instant beforeSending = Instant.now();
            ServerSetup smtp = new ServerSetup(mail.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            for (int i = 1; i <= 3; i++) {
                var message = GreenMailUtil.createTextEmail("unit" + i + "@example.org", "cascade@example.org",
                        "reminder " + i, "body " + i, smtp);
                message.setHeader("X-Cascade-Notification-Id", "n-" + i);
                GreenMailUtil.sendMimeMessage(message);
            }

            Instant sent = Instant.now();
            JsonNode all = get(mail, "");
            JsonNode after = get(mail, "?from=1");
            JsonNode none = get(mail, "?from=7");

            assertThat(all).hasSize(3);
            assertThat(after).hasSize(2);
            assertThat(after.get(0).path("subject").asString()).isEqualTo("reminder 2");
            assertThat(after.get(1).path("notificationId").asString()).isEqualTo("n-3");
            assertThat(none).isEmpty();
            // each message carries when the server stored it, not when it was listed
            List<Instant> received = new ArrayList<>();
            all.forEach(m -> received.add(Instant.parse(m.path("receivedAt").asString())));
            assertThat(received).isSorted().allSatisfy(at -> assertThat(at)
                    .isBetween(beforeSending.truncatedTo(ChronoUnit.MILLIS), sent));
            // a later message to an address that received mail before comes after the others, not among them
            int seen = all.size();
            var again = GreenMailUtil.createTextEmail("unit1@example.org", "cascade@example.org", "reminder 4",
                    "body 4", smtp);
            again.setHeader("X-Cascade-Notification-Id", "n-4");
            GreenMailUtil.sendMimeMessage(again);
            JsonNode fresh = get(mail, "?from=" + seen);
            assertThat(fresh).hasSize(1);
            assertThat(fresh.get(0).path("notificationId").asString()).isEqualTo("n-4");
            assertThat(Instant.parse(fresh.get(0).path("receivedAt").asString()))
                    .isAfterOrEqualTo(sent.truncatedTo(ChronoUnit.MILLIS));

            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + mail.httpPort() + "/messages?from=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        }
    }

    private static JsonNode get(MailCatcher mail, String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + mail.httpPort() + "/messages" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
