package dev.cascade.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cascade.platform.security.Caller;
import dev.cascade.platform.security.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenID Connect issuer for tests: discovery ({@code /.well-known/openid-configuration}) and keys
 * ({@code /jwks}) over HTTP on a random loopback port, and tokens signed with its RSA key in the claims the identity
 * provider gives ({@code cascade_unit}, {@code cascade_roles}, audience {@code cascade}). Every service test context
 * trusts it ({@link ServiceTestContext} sets {@code cascade.security.issuer-uri}); tests also get tokens it must
 * refuse: expired, from another issuer, for another audience, tampered with.
 */
public final class TestIssuer {

    private static volatile TestIssuer shared;

    private final HttpServer server;
    private final String issuer;
    private final RSAKey key;
    private final RSAKey foreignKey;
    private final AtomicInteger discoveries = new AtomicInteger();

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            foreignKey = new RSAKeyGenerator(2048).keyID("foreign").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", exchange -> {
            discoveries.incrementAndGet();
            send(exchange, """
                    {"issuer":"%s","jwks_uri":"%s/jwks","authorization_endpoint":"%s/authorize",\
                    "token_endpoint":"%s/token","response_types_supported":["code"],\
                    "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""
                    .formatted(issuer, issuer, issuer, issuer));
        });
        server.createContext("/jwks", exchange -> send(exchange, new JWKSet(key.toPublicJWK()).toString()));
        server.setExecutor(null);
        server.start();
    }

    /** The issuer of this test JVM, started at first use. */
    public static TestIssuer shared() {
        TestIssuer issuer = shared;
        if (issuer == null) {
            synchronized (TestIssuer.class) {
                if (shared == null) {
                    shared = new TestIssuer();
                }
                issuer = shared;
            }
        }
        return issuer;
    }

    /** The issuer URL ({@code cascade.security.issuer-uri}). */
    public String issuer() {
        return issuer;
    }

    /** How many times a service read the discovery document (keys are cached, discovery happens once). */
    public int discoveries() {
        return discoveries.get();
    }

    /** A valid token for {@code subject}, working for {@code unit} with {@code roles}, for an hour. */
    public String token(String subject, String unit, Role... roles) {
        return sign(key, issuer, claims(subject, unit, roles, Instant.now().plus(Duration.ofHours(1)), "cascade"));
    }

    /** {@code "Bearer " + token(...)}: the value of an Authorization header. */
    public String bearer(String subject, String unit, Role... roles) {
        return "Bearer " + token(subject, unit, roles);
    }

    /** A token that expired ten minutes ago (beyond any clock skew). */
    public String expiredToken(String subject, String unit, Role... roles) {
        return sign(key, issuer, claims(subject, unit, roles, Instant.now().minus(Duration.ofMinutes(10)),
                "cascade"));
    }

    /** A token of another issuer, signed with another key, with the same claims. */
    public String foreignToken(String subject, String unit, Role... roles) {
        return sign(foreignKey, "http://127.0.0.1:1/other-issuer",
                claims(subject, unit, roles, Instant.now().plus(Duration.ofHours(1)), "cascade"));
    }

    /** A token of this issuer for another audience. */
    public String otherAudienceToken(String subject, String unit, Role... roles) {
        return sign(key, issuer, claims(subject, unit, roles, Instant.now().plus(Duration.ofHours(1)), "elsewhere"));
    }

    /** A valid token whose claims were then changed (the unit made {@code claimedUnit}): its signature no longer fits. */
    public String tamperedToken(String subject, String unit, String claimedUnit, Role... roles) {
        String[] parts = token(subject, unit, roles).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + Caller.UNIT_CLAIM + "\":\"" + unit + "\"",
                        "\"" + Caller.UNIT_CLAIM + "\":\"" + claimedUnit + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /**
     * A valid token with a character outside the URL-safe Base64 alphabet in its signature ({@code ~}, which a bearer
     * token may hold), which Nimbus's lenient decoder skips (so Nimbus alone accepts the token) and the services
     * refuse as malformed.
     */
    public String strayCharacterToken(String subject, String unit, Role... roles) {
        String token = token(subject, unit, roles);
        int signature = token.lastIndexOf('.') + 1;
        return token.substring(0, signature + 10) + "~" + token.substring(signature + 10);
    }

    private JWTClaimsSet claims(String subject, String unit, Role[] roles, Instant expires, String audience) {
        Instant issued = expires.minus(Duration.ofHours(1));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).audience(List.of(audience))
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).claim("name", subject)
                .claim(Caller.ROLES_CLAIM, Arrays.stream(roles).map(Role::name).toList());
        if (unit != null) {
            claims.claim(Caller.UNIT_CLAIM, unit);
        }
        return claims.build();
    }

    private static String sign(RSAKey key, String issuer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder(claims).issuer(issuer).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
