package dev.cascade.local;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider as the local stack starts it: in this JVM, beside everything the services bring onto the
 * class path (platform, Kafka, MongoDB), with plan-service's own unit files.
 */
class LocalIdentityIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void issuesTokensForTheDemoUnitsAndKeepsTheServicesConfigurationOut() throws Exception {
        try (IdentityProvider identity = new IdentityProvider()) {
            String issuer = identity.start(0, null, Map.of("spring.main.banner-mode", "off"));

            // Thị trấn Thanh Hà, the commune that submits in the README's demo
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "cascade-cli:cascade-cli-secret".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "grant_type=urn:cascade:grant-type:demo-user&username=reporter-10813&password=demo"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            SignedJWT jwt = SignedJWT.parse(json.readTree(answer.body()).path("access_token").asString());
            JsonNode discovery = json.readTree(get(issuer + "/.well-known/openid-configuration"));
            JWKSet keys = JWKSet.parse(get(discovery.path("jwks_uri").asString()));
            assertThat(jwt.verify(new RSASSAVerifier((RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID())))).isTrue();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(issuer);
            assertThat(claims.getAudience()).contains("cascade");
            assertThat(claims.getStringClaim("cascade_unit")).isEqualTo("10813");
            assertThat(claims.getStringListClaim("cascade_roles")).containsExactly("REPORTER");
            assertThat(claims.getStringClaim("name")).isEqualTo("Cán bộ báo cáo, Thị trấn Thanh Hà");

            // nothing of the services' configuration in the issuer's context
            assertThat(Arrays.stream(identity.context().getBeanDefinitionNames())
                    .map(name -> identity.context().getBeanFactory().getBeanDefinition(name).getBeanClassName())
                    .filter(type -> type != null && (type.startsWith("dev.cascade.platform")
                            || type.contains("mongo") || type.contains("kafka") || type.contains(".stream."))))
                    .isEmpty();
            assertThat(identity.context().getBeanNamesForType(
                    org.springframework.security.web.SecurityFilterChain.class)).hasSize(2);
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
