package dev.cascade.notification.contact;

import java.util.Objects;

/**
 * A unit's webhook: Cascade POSTs each notification as JSON to {@code url}, signed with HMAC-SHA256 over the raw body
 * with {@code secret} ({@code X-Cascade-Signature: sha256=<hex>}).
 */
public record Webhook(String url, String secret) {

    public Webhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
    }
}
