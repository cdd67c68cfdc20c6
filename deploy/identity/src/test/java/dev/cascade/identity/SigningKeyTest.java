package dev.cascade.identity;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyTest {

    @Test
    void generatedOnceAndKeptForTheOwnerAlone(@TempDir Path dir) throws Exception {
        RSAKey first = SigningKey.load(dir.resolve("identity"));
        RSAKey second = SigningKey.load(dir.resolve("identity"));

        assertThat(second).isEqualTo(first);
        assertThat(second.isPrivate()).isTrue();
        assertThat(second.size()).isEqualTo(2048);
        Path file = dir.resolve("identity").resolve(SigningKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void withoutADirectoryEveryStartMakesANewKey() {
        assertThat(SigningKey.load(null).getKeyID()).isNotNull();
        assertThat(SigningKey.load(null).toPublicJWK()).isNotEqualTo(SigningKey.load(null).toPublicJWK());
    }
}
