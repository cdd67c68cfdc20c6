package dev.cascade.local;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small JSON-over-HTTP client for the system test: the services are called only through their public APIs, each
 * call as a demo user of the local identity provider ({@link #as}) with that user's bearer token.
 */
final class Http {

    /** Status and parsed body of one call. */
    record Response(int status, JsonNode body) {
    }

    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final DemoTokens tokens;
    private final String user;

    /** Calls without a token (probes, scrapes); {@link #as} gives a client that calls as a demo user. */
    Http(DemoTokens tokens) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), tokens, null);
    }

    private Http(HttpClient client, DemoTokens tokens, String user) {
        this.client = client;
        this.tokens = tokens;
        this.user = user;
    }

    /** The same client calling as {@code user} ({@code reporter-10813}, {@code planner-30}, {@code admin}, …). */
    Http as(String user) {
        return new Http(client, tokens, user);
    }

    Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Response post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The body of a GET as text (e.g. a Prometheus scrape). */
    String text(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST with extra headers, given as name, value, name, value, … */
    Response post(String url, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .headers(headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", tokens.bearer(user));
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(), body == null || body.isBlank() ? null : json.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
