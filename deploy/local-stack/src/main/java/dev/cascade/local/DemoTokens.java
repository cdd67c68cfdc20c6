package dev.cascade.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of the local identity provider's demo users (deploy/identity), got as the README's curl line gets
 * them: the {@code urn:cascade:grant-type:demo-user} grant of client {@code cascade-cli}. A token is kept until a
 * minute before it expires, so that a program acting for thousands of units asks once per user. Used by the local
 * stack's own demo set-up, the system and chaos tests and the benchmark; a person uses the portal or curl.
 */
public final class DemoTokens {

    /** The grant of the local identity provider that turns a demo user's name and password into a token. */
    public static final String GRANT = "urn:cascade:grant-type:demo-user";
    static final String CLIENT = "cascade-cli:cascade-cli-secret";
    static final String PASSWORD = "demo";

    private final URI tokenEndpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /** @param issuer the identity provider's issuer URL, e.g. {@code http://localhost:9000} */
    public DemoTokens(String issuer) {
        this.tokenEndpoint = URI.create(issuer.replaceAll("/+$", "") + "/oauth2/token");
    }

    /** The value of an {@code Authorization} header for {@code user} ({@code reporter-10813}, {@code admin}, …). */
    public String bearer(String user) {
        return "Bearer " + token(user);
    }

    /** An access token of {@code user}, from the cache while it has more than a minute left. */
    public String token(String user) {
        Token token = tokens.get(user);
        if (token == null || System.nanoTime() > token.renewAt()) {
            token = fetch(user);
            tokens.put(user, token);
        }
        return token.value();
    }

    private Token fetch(String user) {
        String form = "grant_type=" + enc(GRANT) + "&username=" + enc(user) + "&password=" + enc(PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        CLIENT.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for demo user " + user + " from " + tokenEndpoint + ": "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = json.readTree(response.body());
            long lifetime = Math.max(0, body.path("expires_in").asLong(300) - 60);
            return new Token(body.path("access_token").asString(),
                    System.nanoTime() + Duration.ofSeconds(lifetime).toNanos());
        } catch (IOException e) {
            throw new UncheckedIOException("the identity provider " + tokenEndpoint + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Token(String value, long renewAt) {
    }
}
