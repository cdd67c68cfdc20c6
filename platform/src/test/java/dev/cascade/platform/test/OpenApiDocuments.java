package dev.cascade.platform.test;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check every service runs on its own OpenAPI document: fetched from a running service's {@code /v3/api-docs},
 * parsed and validated by swagger-parser (a valid OpenAPI 3 document, no messages), every expected path present,
 * every operation with its problem responses as {@code application/problem+json}; then written to
 * {@code target/openapi/<service>.json}, where CI's linter (Redocly CLI, see {@code .ci/run}) reads it.
 */
public final class OpenApiDocuments {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OpenApiDocuments() {
    }

    /**
     * @param base          the running service, e.g. {@code http://localhost:8082}
     * @param service       the file name under {@code target/openapi/}
     * @param expectedPaths paths the service serves, each of which must be documented
     * @return the parsed document
     */
    public static OpenAPI checkAndWrite(URI base, String service, List<String> expectedPaths) {
        String json = fetch(base.resolve("/v3/api-docs"));
        SwaggerParseResult parsed = new OpenAPIParser().readContents(json, null, null);
        assertThat(parsed.getMessages()).as("swagger-parser's messages on %s's document", service).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getInfo().getTitle()).isEqualTo("Cascade " + service);
        assertThat(api.getPaths()).as("documented paths").containsKeys(expectedPaths.toArray(String[]::new));
        List<String> missing = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!problemResponse(operation, "400")) {
                missing.add(method + " " + path + ": no 400 problem response");
            }
            if (path.contains("{") && !problemResponse(operation, "404")) {
                missing.add(method + " " + path + ": no 404 problem response");
            }
            if (operation.getRequestBody() != null && !problemResponse(operation, "415")) {
                missing.add(method + " " + path + ": no 415 problem response");
            }
        }));
        assertThat(missing).as("operations without their problem responses").isEmpty();
        assertThat(api.getComponents().getSchemas()).containsKey("Problem");
        try {
            Path out = Path.of("target", "openapi", service + ".json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return api;
    }

    private static boolean problemResponse(Operation operation, String status) {
        ApiResponse response = operation.getResponses() == null ? null : operation.getResponses().get(status);
        return response != null && response.getContent() != null
                && response.getContent().containsKey("application/problem+json");
    }

    private static String fetch(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
