package dev.cascade.benchmark;

import dev.cascade.local.DemoTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page times of the portal on the national data set, as a person gets them: each user logs in through the identity
 * provider's form like a browser (a cookie session), then the page is fetched whole, one request at a time, after a
 * few warm-up requests. Pages: the ministry's roll-up tree (viewer-BGDDT) and the report form of communes that
 * reported (their reporters). Run it against a local stack on which {@code deploy/benchmark.sh} has submitted the
 * national burst: it picks the plan with the most reporting units and the period with the most reports.
 * <pre>
 *   deploy/page-times.sh [--portal http://localhost:8080] [--samples 200] [--communes 20] [--out FILE]
 * </pre>
 * Writes its figures (p50, p95, p99, max in milliseconds) to the console and to {@code --out}
 * (default deploy/benchmark/PORTAL-PAGE-TIMES.md).
 */
public final class PortalPageTimes {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI portal;
    private final URI issuer;
    private final URI plan;
    private final URI aggregation;

    private PortalPageTimes(URI portal, URI issuer, URI plan, URI aggregation) {
        this.portal = portal;
        this.issuer = issuer;
        this.plan = plan;
        this.aggregation = aggregation;
    }

    public static void main(String[] args) throws Exception {
        String portal = "http://localhost:8080";
        String issuer = "http://localhost:9000";
        String plan = "http://localhost:8081";
        String aggregation = "http://localhost:8083";
        int samples = 200;
        int communes = 20;
        Path out = Path.of("deploy/benchmark/PORTAL-PAGE-TIMES.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--portal" -> portal = args[++i];
                case "--issuer" -> issuer = args[++i];
                case "--plan-url" -> plan = args[++i];
                case "--aggregation-url" -> aggregation = args[++i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--communes" -> communes = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: page-times [--portal URL] [--issuer URL] [--plan-url URL]"
                            + " [--aggregation-url URL] [--samples N] [--communes N] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        new PortalPageTimes(URI.create(portal), URI.create(issuer), URI.create(plan), URI.create(aggregation))
                .run(samples, communes, out);
    }

    private void run(int samples, int communes, Path out) throws Exception {
        String token = new DemoTokens(issuer.toString()).bearer("viewer-BGDDT");
        JsonNode national = nationalPlan(token);
        String programme = national.path("programme").path("code").asString();
        String period = busiestPeriod(token, programme, national.path("programme").path("periods"));
        JsonNode ministry = get(aggregation.resolve("/aggregates/" + StackApi.enc(programme) + "/" + StackApi.enc(period)
                + "/BGDDT"), token);
        JsonNode completeness = ministry.path("completeness");
        System.out.printf("Plan %s, programme %s, period %s: %,d of %,d reported%n", national.path("planId").asString(),
                programme, period, completeness.path("received").asLong(), completeness.path("expected").asLong());

        // the ministry's roll-up tree
        HttpClient viewer = loggedIn("viewer-BGDDT");
        URI tree = portal.resolve("/rollup/" + StackApi.enc(programme) + "/" + StackApi.enc(period) + "/BGDDT");
        double[] treeTimes = time(viewer, tree, samples, "id=\"received\"");

        // the report form of reporting communes, each with its own reporter
        JsonNode units = national.path("reportingUnits");
        int step = Math.max(1, units.size() / communes);
        List<Double> form = new ArrayList<>();
        int perCommune = Math.max(1, samples / communes);
        for (int i = 0; i < units.size() && form.size() < samples; i += step) {
            String unit = units.get(i).asString();
            HttpClient reporter = loggedIn("reporter-" + unit);
            URI page = portal.resolve("/obligations/" + StackApi.enc(programme) + "/" + StackApi.enc(period) + "/"
                    + StackApi.enc(unit));
            for (double t : time(reporter, page, perCommune, "id=\"report-form\"")) {
                form.add(t);
            }
        }
        double[] formTimes = form.stream().mapToDouble(Double::doubleValue).toArray();

        Percentiles.Summary treeSummary = Percentiles.summary(treeTimes);
        Percentiles.Summary formSummary = Percentiles.summary(formTimes);
        String table = String.format(Locale.ROOT, """
                | page | user | requests | p50 ms | p95 ms | p99 ms | max ms |
                |---|---|---|---|---|---|---|
                | roll-up tree of the ministry (`/rollup/%s/%s/BGDDT`) | viewer-BGDDT | %d | %.1f | %.1f | %.1f | %.1f |
                | report form (`/obligations/%s/%s/<commune>`), %d communes | reporter-<commune> | %d | %.1f | %.1f | %.1f | %.1f |
                """, programme, period, treeSummary.n(), treeSummary.p50(), treeSummary.p95(), treeSummary.p99(),
                treeSummary.max(), programme, period, formTimes.length / perCommune, formSummary.n(), formSummary.p50(),
                formSummary.p95(), formSummary.p99(), formSummary.max());
        String report = "# Portal page times on the national data set\n\n"
                + "Measured " + Instant.now() + " by `deploy/page-times.sh` against a local stack after the national"
                + " burst of `deploy/benchmark.sh` (" + completeness.path("received").asLong() + " of "
                + completeness.path("expected").asLong() + " communes reported). Each page is fetched whole over"
                + " HTTP with the person's portal session, one request at a time after 5 warm-up requests; the time"
                + " includes every service call the page makes. Machine: " + Runtime.getRuntime().availableProcessors()
                + " cores.\n\n" + table;
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out);
    }

    /** Times {@code count} GETs of a page after 5 warm-ups; each must answer 200 with {@code marker} in it. */
    private static double[] time(HttpClient client, URI page, int count, String marker) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(60)).GET().build();
        double[] times = new double[count];
        for (int i = -5; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200 || !response.body().contains(marker)) {
                throw new IllegalStateException(page + " answered " + response.statusCode() + " without " + marker);
            }
            if (i >= 0) {
                times[i] = millis;
            }
        }
        return times;
    }

    /** A client with the portal session of {@code user}, logged in through the identity provider's form. */
    private HttpClient loggedIn(String user) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.ALWAYS).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(portal.resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no login form at " + login.uri());
        }
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> home = client.send(HttpRequest.newBuilder(issuer.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (home.statusCode() != 200 || !home.uri().toString().startsWith(portal.toString())) {
            throw new IllegalStateException(user + " could not log in: " + home.statusCode() + " at " + home.uri());
        }
        return client;
    }

    /** The issued plan with the most reporting units (the national burst's), newest first among equals. */
    private JsonNode nationalPlan(String token) throws Exception {
        List<JsonNode> plans = new ArrayList<>();
        get(plan.resolve("/plans"), token).forEach(plans::add);
        JsonNode best = plans.stream().filter(p -> !"DRAFT".equals(p.path("status").asString()))
                .max(Comparator.comparingInt((JsonNode p) -> p.path("reportingUnits").asInt())
                        .thenComparing(p -> p.path("issueDate").asString()))
                .orElseThrow(() -> new IllegalStateException("no issued plan: run deploy/benchmark.sh first"));
        return get(plan.resolve("/plans/" + StackApi.enc(best.path("planId").asString())), token);
    }

    /** The period of the programme with the most reports received at the ministry. */
    private String busiestPeriod(String token, String programme, JsonNode periods) throws Exception {
        String best = null;
        long most = -1;
        for (JsonNode period : periods) {
            String id = period.path("id").asString();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(aggregation.resolve(
                            "/aggregates/" + StackApi.enc(programme) + "/" + StackApi.enc(id) + "/BGDDT"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                long received = JSON.readTree(response.body()).path("completeness").path("received").asLong();
                if (received > most) {
                    most = received;
                    best = id;
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no aggregate of " + programme + " at the ministry");
        }
        return best;
    }

    private static JsonNode get(URI uri, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
