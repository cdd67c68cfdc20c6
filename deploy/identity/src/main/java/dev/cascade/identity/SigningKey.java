package dev.cascade.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;

/**
 * The issuer's RSA signing key (RS256, 2048 bits). With a data directory it is generated once and kept in
 * {@code <dir>/signing-key.jwk} (readable by its owner only), so that tokens issued before a restart still verify
 * after it; without one it lives in memory and every start makes a new key.
 */
final class SigningKey {

    static final String FILE = "signing-key.jwk";

    private SigningKey() {
    }

    static RSAKey load(Path dataDir) {
        if (dataDir == null) {
            return generate();
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Files.createDirectories(dataDir);
            RSAKey key = generate();
            Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("signing key in " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JSON Web Key; delete it to make a new one", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .keyID("cascade-" + Instant.now().getEpochSecond()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
