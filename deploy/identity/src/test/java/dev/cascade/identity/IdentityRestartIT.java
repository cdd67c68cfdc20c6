package dev.cascade.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started as {@code main} starts it (identity.yml, its fixed auto-configuration), with a data directory: a token
 * issued before a restart verifies against the keys served after it.
 */
class IdentityRestartIT {

    @Test
    void tokensSurviveARestart(@TempDir Path data) throws Exception {
        String token;
        try (ConfigurableApplicationContext first = start(data)) {
            TokenClient client = new TokenClient(url(first));
            token = client.demoUserToken("reporter-10507", "demo").body().path("access_token").asString();
            assertThat(client.verified(token).getSubject()).isEqualTo("reporter-10507");
        }
        try (ConfigurableApplicationContext second = start(data)) {
            JWTClaimsSet claims = new TokenClient(url(second)).verified(token);
            assertThat(claims.getSubject()).isEqualTo("reporter-10507");
            assertThat(claims.getStringClaim("cascade_unit")).isEqualTo("10507");
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return IdentityApplication.builder().run("--cascade.identity.port=0", "--cascade.identity.issuer=",
                "--cascade.identity.data-dir=" + data, "--spring.main.banner-mode=off");
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
