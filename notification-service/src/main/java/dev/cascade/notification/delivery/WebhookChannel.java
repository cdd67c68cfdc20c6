package dev.cascade.notification.delivery;

import dev.cascade.notification.NotificationSettings;
import dev.cascade.notification.contact.Channel;
import dev.cascade.notification.contact.ContactBook;
import dev.cascade.notification.contact.Webhook;
import dev.cascade.notification.contact.WebhookTargets;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Webhooks: POSTs the notification as JSON to the contact's URL with {@code X-Cascade-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of the raw body under the webhook's secret. Any status but 2xx (or no answer within
 * {@code webhook-timeout}) is a failure, tried again after {@code webhook-backoff}, doubled each time, and given up
 * after {@code webhook-attempts} attempts.
 *
 * <p>Before each call the host is resolved again and every address checked ({@link WebhookTargets}); the HTTP
 * client's own resolver is the same check, so the connection can only go to an address that was checked for this
 * call (a name that rebinds to an inside address between the contacts' write and the call is refused, not called).
 * A refused call throws {@link DeliveryRefused}: never sent, given up at once. No proxy, no redirects, no retries by
 * the client.
 */
@Component
class WebhookChannel implements NotificationChannel {

    static final String SIGNATURE_HEADER = "X-Cascade-Signature";

    /**
     * The JSON body of a webhook call.
     *
     * @param link the page of the portal where the recipient acts, the one the text names ({@link PortalLinks})
     */
    record WebhookPayload(String notificationId, String kind, String unitCode, String obligationId,
                          String obligationUnitCode, String programme, String period, String subject, String text,
                          String link, int attempt, Instant sentAt) {
    }

    private final ContactBook contacts;
    private final WebhookTargets targets;
    private final JsonMapper json;
    private final NotificationSettings settings;
    private final Clock clock;
    private final CloseableHttpClient http;

    WebhookChannel(ContactBook contacts, WebhookTargets targets, JsonMapper json, NotificationSettings settings,
                   Clock clock) {
        this.contacts = contacts;
        this.targets = targets;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        Timeout timeout = Timeout.ofMilliseconds(settings.webhookTimeout().toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(targets))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setMaxConnTotal(50).setMaxConnPerRoute(5)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Cascade-Webhook/1")
                .build();
    }

    /** The HTTP client's resolver: resolves and checks every address, for each connection it opens. */
    record CheckedResolver(WebhookTargets targets) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return targets.checkedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    @Override
    public void send(Delivery delivery) {
        Webhook hook = contacts.webhook(delivery.unitCode(), delivery.recipient())
                .orElseThrow(() -> new IllegalStateException("webhook " + delivery.recipient()
                        + " is no longer a contact of unit " + delivery.unitCode()));
        URI uri = URI.create(hook.url());
        targets.refusalOfScheme(uri.getScheme()).ifPresent(refusal -> {
            throw new DeliveryRefused(refusal.addressClass(), "refused: " + refusal.message(), null);
        });
        try {
            targets.checkedAddresses(uri.getHost());
        } catch (WebhookTargets.TargetRefused refused) {
            throw refusedCall(refused);
        } catch (UnknownHostException e) {
            throw new WebhookFailedException("host of " + hook.url() + " does not resolve: " + e.getMessage(), e);
        }
        byte[] body = json.writeValueAsBytes(new WebhookPayload(delivery.id(), delivery.kind(), delivery.unitCode(),
                NotificationSentPublisher.DIGEST.equals(delivery.kind()) ? null : delivery.obligationId(),
                delivery.obligationUnitCode(), delivery.programme(), delivery.period(), delivery.subject(),
                delivery.body(), delivery.link(), delivery.attempts(), clock.instant()));
        HttpPost post = new HttpPost(uri);
        post.setHeader(SIGNATURE_HEADER, signature(hook.secret(), body));
        post.setHeader(EmailChannel.NOTIFICATION_ID_HEADER, delivery.id());
        post.setHeader(EmailChannel.KIND_HEADER, delivery.kind());
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        // a hard deadline for the whole call, so that a receiver answering byte by byte cannot outlast the claim
        CompletableFuture.delayedExecutor(settings.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .execute(post::cancel);
        int status;
        try {
            status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof WebhookTargets.TargetRefused refused) {
                    throw refusedCall(refused);
                }
            }
            throw new WebhookFailedException("no answer from " + hook.url() + ": " + e, e);
        }
        if (status / 100 != 2) {
            throw new WebhookFailedException(hook.url() + " answered HTTP " + status, null);
        }
    }

    private static DeliveryRefused refusedCall(WebhookTargets.TargetRefused refused) {
        return new DeliveryRefused(refused.refusal().addressClass(), "refused, not called: "
                + refused.refusal().message(), null);
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
