package dev.cascade.platform.web;

import dev.cascade.platform.security.Role;
import dev.cascade.platform.test.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of a service that has no error handling of its own is a small problem document with a Cascade type:
 * unknown paths, wrong methods and media types, bodies over the limit (declared or streamed), malformed or
 * non-strict JSON, and what the servlet container refuses before any controller; no echo longer than 200 characters,
 * no HTML, no Java names.
 */
@SpringBootTest(classes = EchoService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cascade.web.max-body-size=1KB")
class ProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aValidRequestStillWorks() throws Exception {
        HttpResponse<String> response = post("{\"unitCode\":\"10813\",\"count\":5}", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("count").asLong()).isEqualTo(5);
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = HTTP.send(authorized(uri("/no/such/" + "x".repeat(500))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode problem = assertProblem(response, 404, "urn:cascade:problem:not-found");
        assertThat(response.body()).doesNotContain("x".repeat(201));
        assertThat(problem.path("detail").asString().length()).isLessThanOrEqualTo(201);
    }

    @Test
    void aWrongMethodAndAWrongMediaTypeAreProblems() throws Exception {
        assertProblem(HTTP.send(authorized(uri("/entries")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), 405, "urn:cascade:problem:method-not-allowed");
        assertProblem(post("unitCode=1", "text/plain"), 415, "urn:cascade:problem:unsupported-media-type");
    }

    @Test
    void aBodyOverTheLimitIsRefusedDeclaredOrStreamed() throws Exception {
        String big = "{\"unitCode\":\"" + "x".repeat(2000) + "\"}";
        JsonNode declared = assertProblem(post(big, "application/json"), 413, "urn:cascade:problem:body-too-large");
        assertThat(declared.path("errors").get(0).path("field").asString()).isEqualTo("body");
        HttpResponse<String> streamed = HTTP.send(authorized(uri("/entries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(streamed, 413, "urn:cascade:problem:body-too-large");
        HttpResponse<String> smallStreamed = HTTP.send(authorized(uri("/entries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        "{\"unitCode\":\"1\",\"count\":2}".getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(smallStreamed.statusCode()).as(smallStreamed.body()).isEqualTo(200);
    }

    @Test
    void malformedOrLooseJsonIsABadRequestProblemWithoutJavaNames() throws Exception {
        for (String body : new String[] {"{\"unitCode\":10813}", "{\"count\":\"5\"}", "{\"unitCode\":\"1\",\"unitCode\":\"2\"}",
                "{\"unitCode\":\"\\ud800\"}", "{\"unitCode\":", "{} []"}) {
            HttpResponse<String> response = post(body, "application/json");
            assertProblem(response, 400, "urn:cascade:problem:malformed-request");
            assertThat(response.body()).as(body).doesNotContain("java.", "dev.cascade", "tools.jackson", "JsonToken");
        }
    }

    @Test
    void whatTheContainerRefusesIsAProblemToo() throws Exception {
        String raw = rawRequest("GET /entries/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("application/problem+json").contains("urn:cascade:problem:malformed-request")
                .doesNotContain("<html");

        String hugeHeader = rawRequest("GET /entries HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(hugeHeader).startsWith("HTTP/1.1 400").doesNotContain("<html").doesNotContain("y".repeat(201));
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo(type);
        assertThat(problem.path("title").asString()).isNotBlank();
        return problem;
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return HTTP.send(authorized(uri("/entries")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a valid token: the refusals under test come after authentication. */
    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization",
                TestIssuer.shared().bearer("clerk-10813", "10813", Role.REPORTER));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
