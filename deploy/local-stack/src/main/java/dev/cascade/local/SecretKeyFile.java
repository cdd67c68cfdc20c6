package dev.cascade.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key notification-service encrypts webhook secrets with ({@code CASCADE_SECRET_KEY}, 32 bytes in Base64),
 * made once per data directory and kept, readable by its owner only, in {@code <home>/notification/secret-key}: a
 * restart decrypts what an earlier start stored. A deployment gives its own key from a secret store.
 */
final class SecretKeyFile {

    /** The property notification-service reads the key from. */
    static final String PROPERTY = "cascade.notifications.secret-key";

    private SecretKeyFile() {
    }

    static String load(Path home) throws IOException {
        Path file = home.resolve("notification").resolve("secret-key");
        if (Files.isReadable(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Path temporary = file.resolveSibling("secret-key.tmp");
        Files.deleteIfExists(temporary);
        OwnerOnlyFiles.create(temporary);
        Files.writeString(temporary, encoded, StandardCharsets.US_ASCII);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return encoded;
    }
}
