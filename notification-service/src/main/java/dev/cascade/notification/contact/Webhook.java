package dev.cascade.notification.contact;

import java.util.Objects;

/**
 * A unit's webhook: Cascade POSTs each notification as JSON to {@code url}, signed with HMAC-SHA256 over the raw body
 * with {@code secret} ({@code X-Cascade-Signature: sha256=<hex>}). The secret is {@code null} where it is not needed:
 * in what {@link ContactBook#find} gives (it is opened only to call the webhook).
 */
public record Webhook(String url, String secret) {

    public Webhook {
        Objects.requireNonNull(url, "url");
    }

    /** Never shows the secret (logs, messages). */
    @Override
    public String toString() {
        return "Webhook[url=" + url + ", secretSet=" + (secret != null) + "]";
    }
}
