package dev.cascade.benchmark;

import dev.cascade.local.DemoTokens;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The HTTP APIs of the running stack that the benchmark uses (plan-, report-, aggregation-service). Every request to a
 * service carries the bearer token of a demo user of the stack's identity provider ({@link DemoTokens}): reads across
 * the country and the units and indicators as the ministry analyst {@value #ANALYST}, a plan as the planner of its
 * issuer, a commune's report as its reporter. The probes ({@code /actuator/health}, {@code /actuator/prometheus})
 * go without a token, as a load balancer's and a scraper's do.
 */
final class StackApi {

    /** The ministry analyst (VIEWER of BGDDT): reads anything in the country; units and indicators. */
    static final String ANALYST = "viewer-BGDDT";
    /** The national administrator (ADMIN of BGDDT): contacts, unit imports, the indicator catalogue. */
    static final String ADMIN = "admin";

    /** The PLANNER of {@code issuerUnit}: creates and issues that unit's plans. */
    static String planner(String issuerUnit) {
        return "planner-" + issuerUnit;
    }

    /** The REPORTER of {@code unit}: submits that unit's reports (and only those). */
    static String reporter(String unit) {
        return "reporter-" + unit;
    }

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    final URI plan;
    final URI report;
    final URI aggregation;
    final URI notification;
    final HttpClient http;
    final DemoTokens tokens;

    StackApi(URI plan, URI report, URI aggregation, URI notification, DemoTokens tokens) {
        this.tokens = tokens;
        this.plan = plan;
        this.report = report;
        this.aggregation = aggregation;
        this.notification = notification;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    List<URI> services() {
        return List.of(plan, report, aggregation, notification);
    }

    /**
     * The stack is up when every service's health endpoint says UP, or DEGRADED: it works, but a dead-letter topic of
     * its inputs holds records (the demo's seed plans whose units were merged away are dead-lettered at every start).
     */
    boolean healthy(URI base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String status = JSON.readTree(response.body()).path("status").asString();
            return response.statusCode() == 200 && ("UP".equals(status) || "DEGRADED".equals(status));
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GET as the ministry analyst. */
    JsonNode get(URI uri) throws IOException, InterruptedException {
        return get(uri, ANALYST);
    }

    JsonNode get(URI uri, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json").header("Authorization", tokens.bearer(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + uri + " as " + user + " → " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GET as the ministry analyst that returns null on 404 (an aggregate not there yet). */
    JsonNode getOrNull(URI uri) throws IOException, InterruptedException {
        return getOrNull(uri, ANALYST);
    }

    /** GET as {@code user} that returns null on 404. */
    JsonNode getOrNull(URI uri, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Authorization", tokens.bearer(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + uri + " as " + user + " → " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** POST as {@code user}; anything but {@code expectedStatus} is an error. */
    JsonNode post(URI uri, Object body, int expectedStatus, String user) throws IOException, InterruptedException {
        return send("POST", uri, body, expectedStatus, user, Duration.ofSeconds(300));
    }

    /** PUT as {@code user}; anything but {@code expectedStatus} is an error. */
    JsonNode put(URI uri, Object body, int expectedStatus, String user) throws IOException, InterruptedException {
        return send("PUT", uri, body, expectedStatus, user, Duration.ofSeconds(60));
    }

    private JsonNode send(String method, URI uri, Object body, int expectedStatus, String user, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", tokens.bearer(user))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + uri + " as " + user + " → " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    List<Indicator> indicators() throws IOException, InterruptedException {
        List<Indicator> indicators = new ArrayList<>();
        for (JsonNode node : get(plan.resolve("/indicators"))) {
            String aggregation = node.path("aggregation").asString();
            String kind = node.path("kind").asString();
            if ("RATIO".equals(kind) && "RATIO_OF_SUMS".equals(aggregation)) {
                indicators.add(new Indicator(node.path("code").asString(), true));
            } else if ("COUNT".equals(kind) && "SUM".equals(aggregation)) {
                indicators.add(new Indicator(node.path("code").asString(), false));
            }
        }
        return indicators;
    }

    /**
     * Every commune beneath BGDDT on {@code asOf}, walking {@code GET /units/{code}/children}, with its district and
     * province. In the 2025-03 ladder: 63 provinces, their districts, 10,047 communes.
     */
    List<Commune> communes(String asOf, int parallelism) throws Exception {
        ConcurrentLinkedQueue<Commune> found = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> provinces = new ArrayList<>();
            for (JsonNode province : children("BGDDT", asOf)) {
                String provinceCode = province.path("code").asString();
                provinces.add(pool.submit(() -> {
                    walk(province, provinceCode, null, asOf, found);
                    return null;
                }));
            }
            for (Future<?> province : provinces) {
                province.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Commune> communes = new ArrayList<>(found);
        communes.sort((a, b) -> a.code().compareTo(b.code()));
        return communes;
    }

    private void walk(JsonNode unit, String provinceCode, String districtCode, String asOf,
                      ConcurrentLinkedQueue<Commune> found) throws IOException, InterruptedException {
        String level = unit.path("level").asString();
        String code = unit.path("code").asString();
        if ("COMMUNE".equals(level)) {
            found.add(new Commune(code, districtCode, provinceCode));
            return;
        }
        for (JsonNode child : children(code, asOf)) {
            walk(child, provinceCode, "DISTRICT".equals(level) ? code : districtCode, asOf, found);
        }
    }

    JsonNode children(String code, String asOf) throws IOException, InterruptedException {
        return get(plan.resolve("/units/" + enc(code) + "/children?asOf=" + enc(asOf)));
    }

    /** Open obligations beneath BGDDT for one programme, as report-service lists them to the ministry analyst. */
    List<JsonNode> openObligations(String programme) throws IOException, InterruptedException {
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode obligation : get(report.resolve("/obligations?under=BGDDT&status=OPEN"))) {
            if (programme.equals(obligation.path("programme").asString())) {
                ours.add(obligation);
            }
        }
        return ours;
    }

    /**
     * Sum of a JVM memory gauge over the heap pools, from the service's Prometheus scrape
     * ({@code jvm_memory_used_bytes{area="heap",...}}, no token: a probe); pools reporting -1 (no limit) are left out.
     * NaN if unreadable.
     */
    double heapGauge(URI base, String gauge) {
        return gauge(base, gauge, "area=\"heap\"");
    }

    /** Sum of a gauge's series whose labels contain {@code labelFilter} (empty: all), from the Prometheus scrape. */
    double gauge(URI base, String gauge, String labelFilter) {
        String scrape = scrape(base, gauge);
        if (scrape == null) {
            return Double.NaN;
        }
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(gauge + "{") && line.contains(labelFilter)) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (value >= 0) {
                    sum += value;
                    found = true;
                }
            }
        }
        return found ? sum : Double.NaN;
    }

    /**
     * The service's Prometheus scrape of one metric family only (a whole scrape evaluates every gauge, and some count
     * documents in the store); null if unreadable.
     */
    String scrape(URI base, String family) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(
                            "/actuator/prometheus?includedNames=" + enc(family)))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
