package dev.cascade.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the identity provider and a service, over real HTTP on a random port: {@code /oauth2/token} answers
 * the demo-user grant of client {@code cascade-cli} with an unsigned JWT-shaped token {@code <header>.<claims>.<sig>}
 * whose claims say {@code sub} and {@code exp}; other paths answer as {@link #handle} says. Every request is noted.
 */
final class FakeStack implements AutoCloseable {

    /** One request as received. */
    record Seen(String method, String path, String authorization, String body) {
    }

    interface Handler {
        /** status and body of the answer */
        Map.Entry<Integer, String> answer(Seen request);
    }

    final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> tokensIssued = new ConcurrentHashMap<>();
    final long expiresAt = Instant.now().plusSeconds(3600).getEpochSecond();
    volatile Handler handler = request -> Map.entry(404, "{}");

    FakeStack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::serve);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The token the fake issues to {@code user}. */
    String tokenOf(String user) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + user + "\",\"exp\":" + expiresAt + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
        seen.add(request);
        Map.Entry<Integer, String> answer = exchange.getRequestURI().getPath().equals("/oauth2/token")
                ? token(request) : handler.answer(request);
        byte[] bytes = answer.getValue().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.getKey(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Map.Entry<Integer, String> token(Seen request) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String client = "Basic " + Base64.getEncoder().encodeToString("cascade-cli:cascade-cli-secret"
                .getBytes(StandardCharsets.UTF_8));
        if (!client.equals(request.authorization())) {
            return Map.entry(401, "{\"error\":\"invalid_client\"}");
        }
        if (!"urn:cascade:grant-type:demo-user".equals(form.get("grant_type")) || !"demo".equals(form.get("password"))
                || form.get("username").contains("nobody")) {
            return Map.entry(400, "{\"error\":\"invalid_grant\"}");
        }
        String user = form.get("username");
        tokensIssued.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
        return Map.entry(200, "{\"access_token\":\"" + tokenOf(user) + "\",\"token_type\":\"Bearer\",\"expires_in\":3599}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
