package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.Channel;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.Webhook;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Webhooks: POSTs the notification as JSON to the contact's URL with {@code X-Cascade-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of the raw body under the webhook's secret. Any status but 2xx (or no answer within
 * {@code webhook-timeout}) is a failure, tried again after {@code webhook-backoff}, doubled each time, and given up
 * after {@code webhook-attempts} attempts.
 */
@Component
class WebhookChannel implements NotificationChannel {

    static final String SIGNATURE_HEADER = "X-Cascade-Signature";

    /** The JSON body of a webhook call. */
    record WebhookPayload(String notificationId, String kind, String unitCode, String obligationId,
                          String obligationUnitCode, String programme, String period, String subject, String text,
                          int attempt, Instant sentAt) {
    }

    private final ContactBook contacts;
    private final JsonMapper json;
    private final NotificationSettings settings;
    private final Clock clock;
    private final HttpClient http;

    WebhookChannel(ContactBook contacts, JsonMapper json, NotificationSettings settings, Clock clock) {
        this.contacts = contacts;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Delivery delivery) {
        Webhook hook = contacts.find(delivery.unitCode()).flatMap(list -> list.webhook(delivery.recipient()))
                .orElseThrow(() -> new IllegalStateException("webhook " + delivery.recipient()
                        + " is no longer a contact of unit " + delivery.unitCode()));
        byte[] body = json.writeValueAsBytes(new WebhookPayload(delivery.id(), delivery.kind(), delivery.unitCode(),
                NotificationSentPublisher.DIGEST.equals(delivery.kind()) ? null : delivery.obligationId(),
                delivery.obligationUnitCode(), delivery.programme(), delivery.period(), delivery.subject(),
                delivery.body(), delivery.attempts(), clock.instant()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(SIGNATURE_HEADER, signature(hook.secret(), body))
                .header(EmailChannel.NOTIFICATION_ID_HEADER, delivery.id())
                .header(EmailChannel.KIND_HEADER, delivery.kind())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new WebhookFailedException("no answer from " + hook.url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookFailedException("interrupted calling " + hook.url(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new WebhookFailedException(hook.url() + " answered HTTP " + response.statusCode(), null);
        }
    }

    @Override
    public Optional<Duration> retryAfter(int attempts) {
        return attempts >= settings.webhookAttempts() ? Optional.empty()
                : Optional.of(settings.webhookBackoffAfter(attempts));
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret} (UTF-8). */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A webhook call that did not get a 2xx answer. */
    static class WebhookFailedException extends RuntimeException {
        WebhookFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
