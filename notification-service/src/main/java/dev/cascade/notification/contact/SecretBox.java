package dev.cascade.notification.contact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts webhook secrets at rest: AES-256-GCM under {@code cascade.notifications.secret-key}
 * ({@code CASCADE_SECRET_KEY}, 32 bytes in Base64, e.g. {@code openssl rand -base64 32}), a fresh 96-bit nonce per
 * value, the unit and the URL as associated data (a ciphertext copied to another webhook does not open). Stored as
 * {@code v1:<Base64 of nonce and ciphertext>}.
 *
 * <p>A malformed key stops the service at start. Without a key the service runs (e-mail and inbox need none), but
 * webhooks can be neither stored nor delivered: a write with webhooks is refused (503) and a delivery fails with a
 * clear reason.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(@Value("${cascade.notifications.secret-key:}") String key) {
        if (key == null || key.isBlank()) {
            this.key = null;
            log.warn("cascade.notifications.secret-key (CASCADE_SECRET_KEY) is not set: webhooks can be neither "
                    + "stored nor delivered until it is (generate one with `openssl rand -base64 32`)");
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cascade.notifications.secret-key (CASCADE_SECRET_KEY) must be 32 bytes "
                    + "in Base64 (openssl rand -base64 32); it is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("cascade.notifications.secret-key (CASCADE_SECRET_KEY) must be 32 bytes "
                    + "in Base64 (openssl rand -base64 32); it has " + bytes.length + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** Whether a key is configured. */
    public boolean available() {
        return key != null;
    }

    /** {@code v1:<Base64>} of {@code secret} bound to {@code context}. */
    public String seal(String secret, String context) {
        requireKey();
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The secret sealed by {@link #seal} under the same {@code context}. */
    public String open(String sealed, String context) {
        requireKey();
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the webhook secret does not open with the configured key "
                    + "(cascade.notifications.secret-key changed?)");
        }
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("no cascade.notifications.secret-key (CASCADE_SECRET_KEY) is configured");
        }
    }
}
