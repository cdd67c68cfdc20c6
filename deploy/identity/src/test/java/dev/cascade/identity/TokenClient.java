package dev.cascade.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to a running identity provider over real HTTP, as a script or a service would. */
final class TokenClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final String base;
    final HttpClient http;

    TokenClient(String base) {
        this(base, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    TokenClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    record Answer(int status, JsonNode body, HttpResponse<String> response) {
    }

    Answer demoUserToken(String username, String password) throws Exception {
        return token("cascade-cli", "cascade-cli-secret", Map.of("grant_type", DemoUserGrant.GRANT_TYPE,
                "username", username, "password", password));
    }

    Answer token(String clientId, String secret, Map<String, String> form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()), response);
    }

    JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Parses {@code token} and checks its RS256 signature against the keys the discovery document points at. */
    JWTClaimsSet verified(String token) throws Exception {
        JsonNode discovery = getJson(base + "/.well-known/openid-configuration");
        JWKSet keys = JWKSet.parse(getJson(discovery.path("jwks_uri").asString()).toString());
        SignedJWT jwt = SignedJWT.parse(token);
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new AssertionError("algorithm " + jwt.getHeader().getAlgorithm());
        }
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) {
            throw new AssertionError("no key " + jwt.getHeader().getKeyID() + " in " + keys);
        }
        if (!jwt.verify(new RSASSAVerifier(key))) {
            throw new AssertionError("signature does not verify");
        }
        return jwt.getJWTClaimsSet();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
